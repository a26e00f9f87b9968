#!/usr/bin/env bash
# Builds the installable packages with the Tauri bundler (the CLI from npm's @tauri-apps/cli, a
# prebuilt binary): a .deb for Debian and Ubuntu, an .rpm for Fedora and its kin. Each has the
# desktop entry, the icons, the version from Cargo.toml, and what the app needs from the system
# (WebKitGTK 4.1 and GTK 3; a Secret Service, gnome-keyring, recommended).
#   scripts/package.sh               release build (LTO: 10-15 minutes from clean), then both packages
#   scripts/package.sh --debug-build the .deb of the debug build already made: scripts/test.sh
#                                    uses it to check the packaging without a release build
# The packages land in $CARGO_TARGET_DIR/<profile>/packages/, named as Debian and RPM name them.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

profile=release
bundles=deb,rpm
bundle_flags=()
xz_level=9
case "${1:-}" in
  "") ;;
  --debug-build) profile=debug; bundles=deb; bundle_flags=(--debug); xz_level=1 ;;
  *) die "usage: scripts/package.sh [--debug-build]" ;;
esac

ensure_toolchains
ensure_apt_packages $APP_PACKAGES
ensure_ui_packages
choose_target_dir
if [ "$profile" = release ]; then
  build_ui
  say "Building the app (release)"
  cargo build --release --locked -p scr-desk-app
elif [ ! -x "$CARGO_TARGET_DIR/debug/scr-desk" ]; then
  die "no debug build in $CARGO_TARGET_DIR/debug: build the app first"
fi

bundle_dir="$CARGO_TARGET_DIR/$profile/bundle"
out="$CARGO_TARGET_DIR/$profile/packages"
rm -rf "$bundle_dir" "$out"
mkdir -p "$out"
say "Bundling ($bundles, $profile build)"
# `bundle` only packs: the binary built above is the one packaged, never a fresh compile.
ui/node_modules/.bin/tauri bundle --ci --bundles "$bundles" "${bundle_flags[@]}"

# The bundler names files after the product ("SCR Decision Desk_0.1.0_amd64.deb") and packs the
# .deb's data with gzip. Repacked with xz (what Debian's own packages use; about a third smaller
# for this binary; the fastest level for the debug build, whose package is only tested) under the name Debian gives a package file: <package>_<version>_<arch>.deb.
bundled_deb=$(find "$bundle_dir/deb" -maxdepth 1 -name '*.deb' -print -quit)
[ -n "$bundled_deb" ] || die "the bundler made no .deb in $bundle_dir/deb"
package=$(dpkg-deb --field "$bundled_deb" Package)
version=$(dpkg-deb --field "$bundled_deb" Version)
arch=$(dpkg-deb --field "$bundled_deb" Architecture)
deb="$out/${package}_${version}_${arch}.deb"
tree="$bundle_dir/deb/repack"
dpkg-deb --raw-extract "$bundled_deb" "$tree"
dpkg-deb --root-owner-group -Zxz "-z$xz_level" --build "$tree" "$deb" >/dev/null
rm -rf "$tree"
if [ "$profile" = release ]; then
  # The .rpm is xz-compressed by the bundler (tauri.conf.json); only its name changes.
  bundled_rpm=$(find "$bundle_dir/rpm" -maxdepth 1 -name '*.rpm' -print -quit)
  [ -n "$bundled_rpm" ] || die "the bundler made no .rpm in $bundle_dir/rpm"
  cp "$bundled_rpm" "$out/$package-$version-1.$(uname -m).rpm"
fi

say "Packages in $out"
ls -l "$out" | awk 'NR > 1 { printf "  %6.1f MiB  %s\n", $5 / 1048576, $NF }'
dpkg-deb --field "$deb" Package Version Architecture Installed-Size Depends Recommends | sed 's/^/  /'
echo "  Install: sudo apt install $deb"
