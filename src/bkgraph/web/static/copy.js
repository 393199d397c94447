// Copy a URI to the clipboard: the button names the element that holds it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy).textContent.trim();
  navigator.clipboard.writeText(text).then(
    () => { button.textContent = "✓"; },
    () => { window.getSelection().selectAllChildren(document.getElementById(button.dataset.copy)); }
  );
});
