// Reads a QR code with the camera through the browser's BarcodeDetector, where the browser has one.
/// How often a video frame is looked at.
const FRAME_INTERVAL_MS = 200;

export const cameraAvailable = () => 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;

/// Starts the camera in `video`; calls `found` with the first QR text seen, then stops. Returns a stop function.
export async function scanWithCamera(video, found) {
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  let timer = null;
  const stop = () => {
    clearTimeout(timer);
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
    video.hidden = true;
  };
  const look = async () => {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length > 0) {
      stop();
      found(codes[0].rawValue);
    } else {
      timer = setTimeout(look, FRAME_INTERVAL_MS);
    }
  };
  look();
  return stop;
}
