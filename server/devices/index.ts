// Devices allowed to send staff events, and the gaps in what each has sent.
export { openDeviceStore, type Device, type DeviceStore } from './store';
export { receive, type Gap, type SequenceState } from './gaps';
