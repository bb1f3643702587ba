import Bowser from 'bowser';
import type { DeviceClass } from '@gosight/shared';

export interface Device {
  browser: string;
  os: string;
  deviceClass: DeviceClass;
}

/** Below this viewport width a session with an unknown platform counts as mobile (the usual breakpoints). */
const MOBILE_MAX_WIDTH = 767;
const TABLET_MAX_WIDTH = 1_024;

/**
 * Browser, OS and device class of a session, read from its user agent (bowser knows the
 * real-world strings: Edge and Opera also say Chrome, iPads say Macintosh, …). Where the user
 * agent does not say, the viewport width decides the class.
 */
export function describeDevice(userAgent: string, viewportWidth: number): Device {
  const parsed = userAgent.trim() ? Bowser.parse(userAgent.slice(0, 1_024)) : undefined;
  const type = parsed?.platform.type;
  const deviceClass: DeviceClass = type === 'mobile' || type === 'tablet' || type === 'desktop' ? type
    : viewportWidth > 0 && viewportWidth <= MOBILE_MAX_WIDTH ? 'mobile'
      : viewportWidth > 0 && viewportWidth <= TABLET_MAX_WIDTH ? 'tablet' : 'desktop';
  return { browser: parsed?.browser.name ?? '', os: parsed?.os.name ?? '', deviceClass };
}
