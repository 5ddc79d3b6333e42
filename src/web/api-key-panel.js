// The API-key field in the page header. It stays folded away while the service answers without a key
// and opens with a message when a request comes back 401. The stored key is never shown again.

const byId = (id) => document.getElementById(id);

export class ApiKeyPanel {
  #store;
  #onChange;

  /** store: an ApiKeyStore; onChange: called after the key is set or cleared. */
  constructor(store, onChange) {
    this.#store = store;
    this.#onChange = onChange;
    byId('api-key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#store.set(byId('api-key').value);
      byId('api-key').value = '';
      this.#changed(this.#store.get() === '' ? 'No key set.' : 'Key saved for this tab.');
    });
    byId('clear-api-key').addEventListener('click', () => {
      this.#store.clear();
      this.#changed('Key cleared.');
    });
    this.#showState();
  }

  /** Opens the panel and says why: no key was set, or the one sent was refused. */
  askForKey({ keySent }) {
    byId('api-key-box').open = true;
    const message = byId('api-key-message');
    message.textContent = keySent
      ? 'The API key was not accepted. Enter a valid key for this service.'
      : 'This service requires an API key. Enter yours below to use the page.';
    message.hidden = false;
  }

  #changed(confirmation) {
    byId('api-key-message').hidden = true;
    byId('api-key-feedback').textContent = confirmation;
    this.#showState();
    this.#onChange();
  }

  #showState() {
    const set = this.#store.get() !== '';
    byId('api-key-state').textContent = set ? '(set for this tab)' : '(not set)';
    byId('clear-api-key').disabled = !set;
  }
}
