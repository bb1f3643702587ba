import type { ReactElement } from 'react';

/** Small stroke icons (24×24 grid, currentColor) for the player's buttons. */
const icon = (paths: ReactElement, filled = false) =>
  function Icon({ size = 18 }: { size?: number }) {
    return (
      <svg
        viewBox="0 0 24 24"
        width={size}
        height={size}
        aria-hidden="true"
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {paths}
      </svg>
    );
  };

export const PlayIcon = icon(<path d="M7 4.5v15l13-7.5z" />, true);
export const PauseIcon = icon(<path d="M6 4h4v16H6zM14 4h4v16h-4z" />, true);
export const BackIcon = icon(
  <>
    <path d="M3 12a9 9 0 1 0 3-6.7" />
    <path d="M3 4v5h5" />
  </>,
);
export const ForwardIcon = icon(
  <>
    <path d="M21 12a9 9 0 1 1-3-6.7" />
    <path d="M21 4v5h-5" />
  </>,
);
export const SkipIcon = icon(
  <>
    <path d="M5 5l7 7-7 7" />
    <path d="M12 5l7 7-7 7" />
  </>,
);
export const ErrorIcon = icon(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </>,
);
export const RageIcon = icon(<path d="M13 2L4 14h7l-1 8 9-12h-7z" />);
export const TimelineIcon = icon(
  <>
    <path d="M3 17h18" />
    <circle cx="8" cy="9" r="2" />
    <circle cx="16" cy="7" r="2" />
    <path d="M8 11v6M16 9v8" />
  </>,
);
export const DevtoolsIcon = icon(
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M15 4v16" />
    <path d="M7 10l2 2-2 2" />
  </>,
);
export const InspectIcon = icon(
  <>
    <path d="M4 4h6M4 4v6M20 4h-6M20 4v6M4 20h6M4 20v-6" />
    <path d="M13 13l7 7M13 13v5M13 13h5" />
  </>,
);
export const LinkIcon = icon(
  <>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </>,
);
export const ExpandIcon = icon(<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />);
export const CollapseIcon = icon(<path d="M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" />);
export const KeyboardIcon = icon(
  <>
    <rect x="2" y="6" width="20" height="12" rx="2" />
    <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
  </>,
);
export const CloseIcon = icon(<path d="M6 6l12 12M18 6L6 18" />);
export const CopyIcon = icon(
  <>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V5a2 2 0 0 1 2-2h8" />
  </>,
);
