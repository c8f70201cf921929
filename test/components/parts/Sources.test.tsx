import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { FileView, Sources } from '../../../src/index.ts';

describe('Sources', () => {
  it('lists citations as links that open safely in a new tab', () => {
    render(
      <Sources
        sources={[
          { type: 'source', url: 'https://example.com/a', title: 'Example A' },
          { type: 'source', url: 'https://docs.example.org/b' },
        ]}
      />,
    );
    const nav = screen.getByRole('navigation', { name: 'Sources' });
    const links = screen.getAllByRole('link');
    expect(nav.querySelectorAll('li')).toHaveLength(2);
    expect(links.map((a) => a.textContent)).toEqual(['Example A', 'docs.example.org']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('never links an unsafe URL', () => {
    const { container } = render(<Sources sources={[{ type: 'source', url: 'javascript:alert(1)', title: 'Bad' }]} />);
    expect(container.querySelector('a')).toBeNull();
    expect(screen.getByText('Bad')).toBeTruthy();
  });
});

describe('FileView', () => {
  it('shows an image from a safe URL', () => {
    render(<FileView part={{ type: 'file', url: 'https://example.com/cat.png', mediaType: 'image/png', filename: 'cat.png' }} />);
    expect(screen.getByRole('img', { name: 'cat.png' }).getAttribute('src')).toBe('https://example.com/cat.png');
  });

  it('renders nothing for an image with an unsafe URL', () => {
    const { container } = render(<FileView part={{ type: 'file', url: 'javascript:alert(1)', mediaType: 'image/png' }} />);
    expect(container.innerHTML).toBe('');
  });
});
