// The page's SQL boxes: the answer's query and each part of a federated plan. Text is inserted as
// text and then highlighted by highlight.js, which escapes it; every box's button copies the box's
// text as it was written, whatever the highlighting added.

/** Puts `text` into a box's <code>, highlighted as SQL unless it is an HTTP request. */
export function fillSqlBox(code, text, { http = false } = {}) {
  code.textContent = text;
  // The classes highlight.js reads and adds are reset; the box's own class (query, part-sql) stays.
  code.classList.remove('hljs', 'language-sql', 'language-http');
  code.classList.add(http ? 'language-http' : 'language-sql');
  delete code.dataset.highlighted;
  if (!http && window.hljs && window.hljsSql) {
    if (!window.hljs.getLanguage('sql')) window.hljs.registerLanguage('sql', window.hljsSql);
    window.hljs.highlightElement(code);
  }
}

/** Makes every `.sql-box` button under `root` copy its box's text, now and for boxes added later. */
export function copyFromSqlBoxes(root) {
  root.addEventListener('click', async (event) => {
    const button = event.target.closest('.sql-box button');
    if (!button || !root.contains(button)) return;
    const label = button.textContent;
    await navigator.clipboard.writeText(button.closest('.sql-box').querySelector('code').textContent);
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = label), 1500);
  });
}
