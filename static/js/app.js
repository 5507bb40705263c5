// Progressive enhancement only: every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed submit, move focus to the error summary so keyboard and screen-reader users hear what to fix.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach((link) => {
      link.addEventListener("click", (event) => {
        const field = document.getElementById(link.getAttribute("href").slice(1));
        if (field) {
          event.preventDefault();
          field.scrollIntoView({ block: "center" });
          field.focus();
        }
      });
    });
  }
});

// Reports being made: ask the server for their state every two seconds and update the row, so the user sees the
// download link appear without reloading (and may leave and come back: the state lives on the server).
document.addEventListener("DOMContentLoaded", () => {
  const rows = Array.from(document.querySelectorAll("tr[data-rapport-status]"));
  if (!rows.length) return;
  const poll = async () => {
    for (const row of rows.filter((r) => r.dataset.rapportStatus)) {
      try {
        const response = await fetch(row.dataset.rapportStatus, { headers: { Accept: "application/json" } });
        if (!response.ok) continue;
        const state = await response.json();
        row.querySelector(".rapport-stand").textContent = state.fout ? `${state.label}: ${state.fout}` : state.label;
        if (state.klaar) {
          // The server renders the cell from the same template as the page; nothing user-typed is in it unescaped.
          row.querySelector(".rapport-bestand").innerHTML = state.bestand;
          delete row.dataset.rapportStatus;
        } else if (state.status === "mislukt") {
          delete row.dataset.rapportStatus;
        }
      } catch (error) {
        // The network hiccuped; the next round tries again.
      }
    }
    if (rows.some((r) => r.dataset.rapportStatus)) setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
});
