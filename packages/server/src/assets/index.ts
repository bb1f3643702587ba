export { AssetCapture, type AssetCaptureConfig, type AssetCaptureSink, type AssetCaptureStats } from './asset-capture.js';
export { AssetLibrary, type AssetIndex, type SessionAsset } from './asset-library.js';
export { collectAssetUrls, cssUrls } from './asset-urls.js';
export { safeFetch } from './safe-fetch.js';
