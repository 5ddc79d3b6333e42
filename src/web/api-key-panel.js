// The API-key field in the page header. It stays folded away while the service answers without a key
// and opens with a message when a request comes back 401. A key is checked with the service before
// it is kept: a refused key is never saved as if it worked. The stored key is never shown again.
import { errorBody, withApiKey } from '/web/api-client.js';

const byId = (id) => document.getElementById(id);

/** GET /catalog needs a key whenever keys are on, and answers quickly: the check a saved key gets. */
const checkedPath = '/catalog';

export class ApiKeyPanel {
  #store;
  #onChange;

  /** store: an ApiKeyStore; onChange: called after the key is set or cleared. */
  constructor(store, onChange) {
    this.#store = store;
    this.#onChange = onChange;
    byId('api-key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#use(byId('api-key').value.trim());
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
    this.#say(
      keySent
        ? 'Key refused: the service does not accept the key this tab holds. Enter a valid key for this service.'
        : 'This service requires an API key. Enter yours below to use the page.',
    );
  }

  async #use(candidate) {
    if (candidate === '') {
      this.#store.clear();
      this.#changed('No key set.');
      return;
    }
    const button = byId('use-api-key');
    button.disabled = true;
    byId('api-key-feedback').textContent = 'Checking the key…';
    try {
      const response = await fetch(checkedPath, { headers: withApiKey(undefined, candidate) });
      if (response.status === 401) {
        // The refused key is not kept: the one the tab had (if any) stays in use.
        byId('api-key-feedback').textContent = '';
        this.#say('Key refused: the service does not know this key, so it was not saved. Check it for typos or ask for a new one.');
        return;
      }
      this.#store.set(candidate);
      byId('api-key').value = '';
      if (response.ok) {
        this.#changed('Key accepted and kept for this tab.');
      } else {
        const { error } = await errorBody(response);
        this.#changed(`Key kept for this tab, but it could not be checked: ${error.message} (${error.code}).`);
      }
    } catch (error) {
      byId('api-key-feedback').textContent = '';
      this.#say(`The key could not be checked (${String(error.message ?? error)}); it was not saved. Try again.`);
    } finally {
      button.disabled = false;
    }
  }

  #say(text) {
    const message = byId('api-key-message');
    message.textContent = text;
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
