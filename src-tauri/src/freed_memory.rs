//! Gives the memory the app has freed back to the system. glibc keeps freed blocks in its heaps
//! for the next allocation, and the pages SQLite gives back when the archive goes unused
//! (`Desk::release_memory_when_idle`) are thousands of small blocks in the middle of a heap, which
//! glibc returns to the system only when asked (`malloc_trim(3)`).

/// Asks glibc to return its heaps' free pages; elsewhere there is nothing to do.
#[allow(unsafe_code)]
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer and has no precondition: it walks glibc's own heaps
    // under their locks and advises the kernel that their free pages are no longer needed.
    unsafe {
        libc::malloc_trim(0);
    }
}
