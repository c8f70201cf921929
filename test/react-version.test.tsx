import { describe, expect, it } from 'vitest';
import { useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { render, screen } from '@testing-library/react';

// The react18 project sets EXPECT_REACT_MAJOR=18; the unit project runs on the root install's React 19.
const major = process.env.EXPECT_REACT_MAJOR ?? '19';

function Counter() {
  const [n] = useState(1);
  return <span>count {n}</span>;
}

describe('the React under test', () => {
  it(`is React ${major} for react, react-dom and react-dom/server alike`, () => {
    expect(version.split('.')[0]).toBe(major);
    expect(domVersion).toBe(version);
    expect(renderToString(<Counter />)).toContain('count');
  });

  it('is the same React instance Testing Library renders with (hooks work)', () => {
    render(<Counter />);
    expect(screen.getByText('count 1')).toBeTruthy();
  });
});
