import { CloseIcon } from '../ui/icons.js';

/** The link just copied (or to copy by hand when the clipboard refused), over the replay. */
export function ShareToast({ link, copied, onClose }: { link: string; copied: boolean; onClose: () => void }) {
  return (
    <div className="share-toast" role="status" data-testid="share-toast">
      <span className="share-title">{copied ? 'Link copied' : 'Link to this moment'}</span>
      <input className="share-input" readOnly value={link} data-testid="share-link" aria-label="Link to this moment" onFocus={(event) => event.currentTarget.select()} />
      <button type="button" className="icon-button small" aria-label="Close" onClick={onClose}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
