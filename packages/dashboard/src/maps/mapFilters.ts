import { DEVICE_CLASSES, WIRE_LIMITS, type DeviceClass, type PageMapQuery } from '@gosight/shared';

/** The maps page's choices as its URL keeps them: `/maps?url=&from=&to=&device=&width=&view=`. */
export interface MapFilters {
  url: string;
  /** Local calendar days `YYYY-MM-DD`, inclusive; '' for open-ended. */
  fromDate: string;
  toDate: string;
  device: DeviceClass | '';
  /** One viewport width (CSS px), so every click is drawn on the layout it was made on; '' for any. */
  width: number | '';
  view: 'clicks' | 'scroll';
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WIDTH = /^\d{1,5}$/;

export function mapFiltersFromParams(params: URLSearchParams): MapFilters {
  const device = params.get('device') ?? '';
  const day = (name: string) => (DAY.test(params.get(name) ?? '') ? params.get(name)! : '');
  return {
    url: (params.get('url') ?? '').trim(),
    fromDate: day('from'),
    toDate: day('to'),
    device: DEVICE_CLASSES.includes(device as DeviceClass) ? (device as DeviceClass) : '',
    width: WIDTH.test(params.get('width') ?? '') && Number(params.get('width')) <= WIRE_LIMITS.maxViewportPx ? Number(params.get('width')) : '',
    view: params.get('view') === 'scroll' ? 'scroll' : 'clicks',
  };
}

export function mapFiltersToParams(f: MapFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.url) params.set('url', f.url);
  if (f.fromDate) params.set('from', f.fromDate);
  if (f.toDate) params.set('to', f.toDate);
  if (f.device) params.set('device', f.device);
  if (f.width !== '') params.set('width', String(f.width));
  if (f.view !== 'clicks') params.set('view', f.view);
  return params;
}

const localDay = (value: string, end: boolean): number | undefined => {
  const m = DAY.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (end ? 1 : 0)).getTime() - (end ? 1 : 0);
};

/** The API query, or null until a page is chosen. */
export function toMapQuery(f: MapFilters): PageMapQuery | null {
  if (!f.url) return null;
  const query: PageMapQuery = { url: f.url };
  const from = localDay(f.fromDate, false);
  const to = localDay(f.toDate, true);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (f.device) query.device = f.device;
  if (f.width !== '') {
    query.minViewportWidth = f.width;
    query.maxViewportWidth = f.width;
  }
  return query;
}
