// Live "N of M characters" under fields that carry data-max-length. The server enforces the limit (and says so); this
// only lets people see it coming, instead of the browser cutting pasted text at a maxlength without a word.
(() => {
  for (const counter of document.querySelectorAll('[data-count-for]')) {
    const field = document.getElementById(counter.dataset.countFor);
    const max = Number(field?.dataset.maxLength);
    if (!field || !max) continue;
    const update = () => {
      const used = [...field.value.replace(/\r\n/g, '\n')].length;
      counter.textContent = used > max
        ? `${used} of ${max} characters: ${used - max} too many.`
        : `${used} of ${max} characters.`;
      counter.classList.toggle('field-error', used > max);
    };
    field.addEventListener('input', update);
    update();
  }
})();
