import { mount } from "svelte";
import "./styles/app.scss";
import App from "./App.svelte";
import { firstScreenInPage } from "./backend";
import { noteStage } from "./lib/paintMarks";

noteStage("scriptMs");

// govuk-frontend styles some components differently once it knows scripts run;
// its template does this with an inline script, which our CSP forbids.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// The first screen is drawn in the first frame when the window put it in the page.
export default mount(App, { target, props: { first: firstScreenInPage() } });
