/**
 * Firmware updates in simulated time (docs/sessy.md §3.8): `check` goes CHECKING → UP_TO_DATE or
 * NEW_VERSION_AVAILABLE; `start` goes UPDATING (progress 0..1) → DONE. `self` is the dongle, `serial` the AC board.
 * The update changes the reported versions only: the wire profile stays the one the emulator started with.
 */
export const OTA_STATES = ['OTA_UPDATE_FAILED', 'OTA_DISABLED', 'OTA_INACTIVE', 'OTA_CHECKING', 'OTA_CHECK_FAILED', 'OTA_UP_TO_DATE', 'OTA_NEW_VERSION_AVAILABLE', 'OTA_UPDATING', 'OTA_PENDING_VERIFY', 'OTA_DONE'] as const;
export type OtaState = (typeof OTA_STATES)[number];

export const OTA_TARGETS = ['OTA_TARGET_SELF', 'OTA_TARGET_SERIAL', 'OTA_TARGET_ALL'] as const;
export type OtaTarget = (typeof OTA_TARGETS)[number];

export interface OtaUnit {
  readonly installed: string;
  /** Empty until a check found one. */
  readonly available: string;
  readonly state: OtaState;
  /** 0..1 */
  readonly progress: number;
  readonly sinceMs: number;
}

export interface OtaParams {
  /** A check takes this long [s] (Homey waits 4 s, then 6 s more; docs/sessy.md §3.8) [A]. */
  readonly checkS: number;
  /** Flashing the dongle [s] [A]. */
  readonly selfUpdateS: number;
  /** Flashing the AC board over serial [s] [A]. */
  readonly serialUpdateS: number;
}

export const DEFAULT_OTA: OtaParams = Object.freeze({ checkS: 3, selfUpdateS: 120, serialUpdateS: 300 });

export function createOtaUnit(installed: string, tMs: number): OtaUnit {
  return { installed, available: '', state: 'OTA_INACTIVE', progress: 0, sinceMs: tMs };
}

export function checkOta(unit: OtaUnit, tMs: number): OtaUnit {
  if (unit.state === 'OTA_UPDATING') return unit;
  return { ...unit, state: 'OTA_CHECKING', progress: 0, sinceMs: tMs };
}

export function startOta(unit: OtaUnit, latest: string, tMs: number): OtaUnit {
  if (unit.state === 'OTA_UPDATING') return unit;
  return { ...unit, available: unit.available || latest, state: 'OTA_UPDATING', progress: 0, sinceMs: tMs };
}

/** Advances a unit to `tMs`; `latest` is what the update server offers, `durationS` the flashing time. */
export function stepOta(unit: OtaUnit, tMs: number, latest: string, params: OtaParams, durationS: number): OtaUnit {
  const elapsedS = (tMs - unit.sinceMs) / 1000;
  if (unit.state === 'OTA_CHECKING' && elapsedS >= params.checkS) {
    const newer = latest !== unit.installed;
    return { ...unit, available: latest, state: newer ? 'OTA_NEW_VERSION_AVAILABLE' : 'OTA_UP_TO_DATE', sinceMs: tMs };
  }
  if (unit.state === 'OTA_UPDATING') {
    if (elapsedS >= durationS) return { ...unit, installed: unit.available, state: 'OTA_DONE', progress: 1, sinceMs: tMs };
    return { ...unit, progress: elapsedS / durationS };
  }
  return unit;
}
