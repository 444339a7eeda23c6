// Marks the page as scripted before it is drawn, so that styles for the enhanced page apply
// from the first paint. A file of its own: the Content-Security-Policy allows no inline script.
document.documentElement.className = "js";
