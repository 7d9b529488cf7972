import { failedPrecondition } from '../rpc/errors.js';

/**
 * Ignite runs pods non-root without naming a uid (runAsNonRoot), so the kubelet must read the uid
 * from the image: a named USER cannot be verified and a missing or zero one runs as root, and both
 * fail before the container starts with CreateContainerConfigError. These are the kubelet's words.
 * Returns the numeric user to run as.
 */
export function checkContainerUser(user: string, imageRef: string): string {
  const trimmed = user.trim();
  const uid = trimmed.split(':', 1)[0]!;
  const fix = 'set a numeric non-root USER in the Dockerfile (e.g. USER 1000 or USER 65534) and rebuild';
  if (trimmed && !/^\d+$/.test(uid)) {
    throw failedPrecondition(
      `CreateContainerConfigError: container has runAsNonRoot and image has non-numeric user (${uid}), cannot verify user is non-root (image ${imageRef}); ${fix}`,
    );
  }
  if (!trimmed || Number(uid) === 0) {
    throw failedPrecondition(
      `CreateContainerConfigError: container has runAsNonRoot and image will run as root (image ${imageRef}); ${fix}`,
    );
  }
  return trimmed;
}
