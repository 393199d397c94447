// The query editor: YASGUI, served by bkgraph from var/assets (never a CDN), pointed at this
// endpoint, with every feature that would call another host switched off (prefix.cc and LOV
// autocompletion, the endpoint catalogue). Without YASGUI the plain form below stays.
(function () {
  const host = document.getElementById("yasgui");
  if (!host || !window.Yasgui) return;
  if (window.Yasgui.Yasqe && window.Yasgui.Yasqe.defaults) {
    window.Yasgui.Yasqe.defaults.autocompleters = [];
  }
  const textarea = document.getElementById("query");
  host.hidden = false; // shown before YASGUI measures it, or CodeMirror draws nothing
  document.getElementById("plain-form").hidden = true;
  const yasgui = new window.Yasgui(host, {
    requestConfig: { endpoint: host.dataset.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,
    yasqe: { autocompleters: [] },
  });
  yasgui.getTab().setQuery(textarea.value);
  document.querySelectorAll("a[data-example]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      yasgui.getTab().setQuery(link.dataset.example);
      yasgui.getTab().query();
    });
  });
})();
