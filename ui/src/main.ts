import { mount } from "svelte";
import "./styles/app.scss";
import App from "./App.svelte";
import { noteStage } from "./lib/paintMarks";

noteStage("scriptMs");

// govuk-frontend styles some components differently once it knows scripts run;
// its template does this with an inline script, which our CSP forbids.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target });
