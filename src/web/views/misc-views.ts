/** Small pages: rejected inputs and errors. */
import type { Rejection } from '../../store/store-port.js';
import { formatDate } from '../format-helpers.js';
import { html, type SafeHtml } from '../html-template.js';

export function rejectionsBody(rows: readonly Rejection[]): SafeHtml {
  return html`<h1>Rejected inputs</h1>
${rows.length === 0 ? html`<p class="empty">Nothing was rejected.</p>` : html`<div class="table-scroll"><table class="rejections"><thead><tr><th scope="col">Source</th><th scope="col">Reason</th><th scope="col">Detail</th><th scope="col">When</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td class="source">${r.source}</td><td><code>${r.reason}</code></td><td>${r.detail ?? ''}</td><td><time>${formatDate(r.at)}</time></td></tr>`)}
</tbody></table></div>`}`;
}

export function errorBody(status: number, message: string): SafeHtml {
  return html`<div class="error-page"><h1>${status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'Bad request'}</h1>
<p>${message}</p>
<p><a href="/">Back to the front page</a></p></div>`;
}
