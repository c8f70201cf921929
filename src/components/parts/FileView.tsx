import { memo, type HTMLAttributes } from 'react';
import type { FilePart } from '../../core/types.ts';
import { sanitizeUrl } from '../markdown/sanitizeUrl.ts';

/** Props of `<FileView>`. */
export interface FileViewProps extends Omit<HTMLAttributes<HTMLElement>, 'children' | 'part'> {
  part: FilePart;
}

function FileViewImpl({ part, className, ...rest }: FileViewProps) {
  const classes = className ? `rcs-file ${className}` : 'rcs-file';
  // Only images are shown inline, and only from an allowlisted URL; other files become a safe link.
  if (part.mediaType.startsWith('image/')) {
    const src = sanitizeUrl(part.url, 'image');
    if (!src) return null;
    return (
      <figure {...rest} className={classes} data-media-type={part.mediaType}>
        <img src={src} alt={part.filename ?? ''} loading="lazy" />
      </figure>
    );
  }
  const href = sanitizeUrl(part.url, 'link');
  if (!href || href.startsWith('data:')) return null;
  return (
    <p {...rest} className={classes} data-media-type={part.mediaType}>
      <a href={href} target="_blank" rel="noopener noreferrer" download={part.filename}>
        {part.filename ?? href}
      </a>
    </p>
  );
}

/**
 * A file the model produced: an image inline when its URL passes the image allowlist, any other file as
 * a link when its URL passes the link allowlist; anything else is not rendered.
 */
export const FileView = memo(FileViewImpl);
