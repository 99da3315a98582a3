// The template editor's live preview: the draft is rendered a moment
// after each change. Everything else in the admin works without script.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	var form = document.getElementById("editor");
	var source = document.getElementById("source");
	if (!form || !source) {
		return;
	}
	var timer = null;
	var seq = 0;
	function show(id, text) {
		document.getElementById(id).textContent = text;
	}
	function refresh() {
		var body = new FormData(form);
		body.set("format", "json");
		var mine = ++seq;
		fetch(form.dataset.preview, { method: "POST", body: body, credentials: "same-origin" })
			.then(function (r) { return r.json(); })
			.then(function (out) {
				if (mine !== seq) {
					return; // a newer draft is on its way
				}
				var err = document.getElementById("tpl-error");
				if (out.error) {
					err.textContent = (out.error.Line ? "Line " + out.error.Line + (out.error.Col ? ", column " + out.error.Col : "") + ": " : "") + out.error.Msg;
					err.hidden = false;
					return;
				}
				err.hidden = true;
				show("preview-subject", out.preview.Subject);
				show("preview-text", out.preview.Text);
				document.getElementById("preview-html").src = out.preview.HTMLURL;
			})
			.catch(function () { /* the Preview button still works */ });
	}
	function later() {
		clearTimeout(timer);
		timer = setTimeout(refresh, 400);
	}
	source.addEventListener("input", later);
	document.getElementById("preview-ticket").addEventListener("change", refresh);
});
