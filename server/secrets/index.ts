// The service's secrets (R20): key files in the data directory and the AES-256-GCM box.
export { aesGcmBox, type SecretBox } from './aes-gcm-box';
export { loadOrCreateSecretFile, type SecretFileOptions } from './key-file';
