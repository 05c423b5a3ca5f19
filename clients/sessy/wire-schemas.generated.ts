/* Generated from openapi/sessy.yaml by clients/generate-wire-types.ts. Do not edit; run `npx tsx clients/generate-wire-types.ts`. */
import type { WireSchema } from '../shared/validate.ts';

export interface WireOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly status: number;
  readonly mediaType: string | null;
  readonly schema: WireSchema | null;
}

export const WIRE_OPERATIONS = {
  "getPowerStatus": {
    "method": "GET",
    "path": "/api/v1/power/status",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "sessy",
        "renewable_energy_phase1",
        "renewable_energy_phase2",
        "renewable_energy_phase3"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "sessy": {
          "type": "object",
          "required": [
            "state_of_charge",
            "power",
            "power_setpoint",
            "system_state",
            "system_state_details",
            "frequency"
          ],
          "properties": {
            "state_of_charge": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "power": {
              "type": "integer"
            },
            "external_power": {
              "type": "integer"
            },
            "pack_voltage": {
              "type": "integer"
            },
            "power_setpoint": {
              "type": "integer"
            },
            "system_state": {
              "type": "string",
              "enum": [
                "SYSTEM_STATE_INIT",
                "SYSTEM_STATE_WAIT_FOR_PERIPHERALS",
                "SYSTEM_STATE_STANDBY",
                "SYSTEM_STATE_WAITING_FOR_SAFE_SITUATION",
                "SYSTEM_STATE_WAITING_IN_SAFE_SITUATION",
                "SYSTEM_STATE_RUNNING_SAFE",
                "SYSTEM_STATE_OVERRIDE_OVERFREQUENCY",
                "SYSTEM_STATE_OVERRIDE_UNDERFREQUENCY",
                "SYSTEM_STATE_DISCONNECT",
                "SYSTEM_STATE_RECONNECT",
                "SYSTEM_STATE_ERROR",
                "SYSTEM_STATE_BATTERY_FULL",
                "SYSTEM_STATE_BATTERY_EMPTY",
                "SYSTEM_STATE_OVERRIDE_BATTERY_UNDERVOLTAGE"
              ]
            },
            "system_state_details": {
              "type": "string"
            },
            "frequency": {
              "type": "integer"
            },
            "inverter_current_ma": {
              "type": "integer"
            },
            "strategy_overridden": {
              "type": "boolean"
            }
          }
        },
        "renewable_energy_phase1": {
          "type": "object",
          "required": [
            "voltage_rms",
            "current_rms",
            "power"
          ],
          "properties": {
            "voltage_rms": {
              "type": "number"
            },
            "current_rms": {
              "type": "number"
            },
            "power": {
              "type": "integer"
            }
          }
        },
        "renewable_energy_phase2": {
          "type": "object",
          "required": [
            "voltage_rms",
            "current_rms",
            "power"
          ],
          "properties": {
            "voltage_rms": {
              "type": "number"
            },
            "current_rms": {
              "type": "number"
            },
            "power": {
              "type": "integer"
            }
          }
        },
        "renewable_energy_phase3": {
          "type": "object",
          "required": [
            "voltage_rms",
            "current_rms",
            "power"
          ],
          "properties": {
            "voltage_rms": {
              "type": "number"
            },
            "current_rms": {
              "type": "number"
            },
            "power": {
              "type": "integer"
            }
          }
        }
      }
    }
  },
  "getActiveStrategy": {
    "method": "GET",
    "path": "/api/v1/power/active_strategy",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "strategy",
        "status"
      ],
      "properties": {
        "strategy": {
          "type": "string",
          "enum": [
            "POWER_STRATEGY_NOM",
            "POWER_STRATEGY_ROI",
            "POWER_STRATEGY_API",
            "POWER_STRATEGY_IDLE",
            "POWER_STRATEGY_SESSY_CONNECT",
            "POWER_STRATEGY_ECO"
          ]
        }
      }
    }
  },
  "setActiveStrategy": {
    "method": "POST",
    "path": "/api/v1/power/active_strategy",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        }
      }
    }
  },
  "setPowerSetpoint": {
    "method": "POST",
    "path": "/api/v1/power/setpoint",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        }
      }
    }
  },
  "getEnergyStatus": {
    "method": "GET",
    "path": "/api/v1/energy/status",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "sessy_energy",
        "energy_phase1",
        "energy_phase2",
        "energy_phase3"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "sessy_energy": {
          "type": "object",
          "required": [
            "import_wh",
            "export_wh"
          ],
          "properties": {
            "import_wh": {
              "type": "number"
            },
            "export_wh": {
              "type": "number"
            }
          }
        },
        "energy_phase1": {
          "type": "object",
          "required": [
            "import_wh",
            "export_wh"
          ],
          "properties": {
            "import_wh": {
              "type": "number"
            },
            "export_wh": {
              "type": "number"
            }
          }
        },
        "energy_phase2": {
          "type": "object",
          "required": [
            "import_wh",
            "export_wh"
          ],
          "properties": {
            "import_wh": {
              "type": "number"
            },
            "export_wh": {
              "type": "number"
            }
          }
        },
        "energy_phase3": {
          "type": "object",
          "required": [
            "import_wh",
            "export_wh"
          ],
          "properties": {
            "import_wh": {
              "type": "number"
            },
            "export_wh": {
              "type": "number"
            }
          }
        }
      }
    }
  },
  "getDynamicScheduleV2": {
    "method": "GET",
    "path": "/api/v2/dynamic/schedule",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "dynamic_schedule",
        "energy_prices"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "dynamic_schedule": {
          "type": "array",
          "nullable": true,
          "items": {
            "type": "object",
            "required": [
              "start_time",
              "end_time",
              "power"
            ],
            "properties": {
              "start_time": {
                "type": "integer"
              },
              "end_time": {
                "type": "integer"
              },
              "power": {
                "type": "integer"
              }
            }
          }
        },
        "energy_prices": {
          "type": "array",
          "nullable": true,
          "items": {
            "type": "object",
            "required": [
              "start_time",
              "end_time",
              "price"
            ],
            "properties": {
              "start_time": {
                "type": "integer"
              },
              "end_time": {
                "type": "integer"
              },
              "price": {
                "type": "integer"
              }
            }
          }
        }
      }
    }
  },
  "getDynamicScheduleV1": {
    "method": "GET",
    "path": "/api/v1/dynamic/schedule",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "power_strategy",
        "energy_prices"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "power_strategy": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "date",
              "power"
            ],
            "properties": {
              "date": {
                "type": "string"
              },
              "power": {
                "type": "array",
                "items": {
                  "type": "integer"
                }
              }
            }
          }
        },
        "energy_prices": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "date",
              "price"
            ],
            "properties": {
              "date": {
                "type": "string"
              },
              "price": {
                "type": "array",
                "items": {
                  "type": "integer"
                }
              }
            }
          }
        }
      }
    }
  },
  "getSystemInfo": {
    "method": "GET",
    "path": "/api/v1/system/info",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "version",
        "cores",
        "system_state",
        "state_last_changed",
        "sessy_serial"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "version": {
          "type": "string"
        },
        "cores": {
          "type": "integer"
        },
        "internal_mem_available": {
          "type": "integer"
        },
        "external_mem_available": {
          "type": "integer"
        },
        "internal_mem_min": {
          "type": "integer"
        },
        "external_mem_min": {
          "type": "integer"
        },
        "internal_largest_block": {
          "type": "integer"
        },
        "external_largest_block": {
          "type": "integer"
        },
        "system_state": {
          "type": "array",
          "items": {
            "type": "integer"
          }
        },
        "state_last_changed": {
          "type": "array",
          "items": {
            "type": "integer"
          }
        },
        "sessy_serial": {
          "type": "string"
        },
        "sessy_revision": {
          "type": "integer"
        },
        "self_revision": {
          "type": "integer"
        },
        "self_serial": {
          "type": "string"
        }
      }
    }
  },
  "getSystemSettings": {
    "method": "GET",
    "path": "/api/v1/system/settings",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "p1_hostname": {
          "type": "string"
        },
        "pv_hostname": {
          "type": "string"
        },
        "group_current": {
          "type": "integer"
        },
        "phase_current": {
          "type": "integer"
        },
        "group_sessys": {
          "type": "integer"
        },
        "phase_sessys": {
          "type": "integer"
        },
        "total_sessys": {
          "type": "integer"
        },
        "active_phase": {
          "type": "integer",
          "minimum": 1,
          "maximum": 3
        },
        "grid_phase": {
          "type": "integer",
          "minimum": 0,
          "maximum": 3
        },
        "min_power": {
          "type": "integer"
        },
        "max_power": {
          "type": "integer"
        },
        "min_soc": {
          "type": "integer"
        },
        "disable_noise_level": {
          "type": "boolean"
        },
        "allowed_noise_level": {
          "type": "integer"
        },
        "pack_temp_limit_enabled": {
          "type": "boolean"
        },
        "enabled_time": {
          "type": "string"
        },
        "sessy_enabled": {
          "type": "boolean"
        },
        "cloud_enabled": {
          "type": "boolean"
        },
        "pv_divider": {
          "type": "boolean"
        },
        "meter_limiting_enabled": {
          "type": "boolean"
        },
        "eco_charge_hours": {
          "type": "integer"
        },
        "eco_charge_power": {
          "type": "integer"
        },
        "eco_nom_charge": {
          "type": "boolean"
        }
      }
    }
  },
  "setSystemSettings": {
    "method": "POST",
    "path": "/api/v1/system/settings",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        }
      }
    }
  },
  "restartSystem": {
    "method": "POST",
    "path": "/api/v1/system/restart",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        }
      }
    }
  },
  "getOtaStatus": {
    "method": "GET",
    "path": "/api/v1/ota/status",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "self",
        "serial"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "self": {
          "type": "object",
          "required": [
            "installed_firmware",
            "available_firmware",
            "state",
            "update_progress"
          ],
          "properties": {
            "installed_firmware": {
              "type": "object",
              "properties": {
                "version": {
                  "type": "string"
                }
              }
            },
            "available_firmware": {
              "type": "object",
              "properties": {
                "version": {
                  "type": "string"
                }
              }
            },
            "state": {
              "type": "string",
              "enum": [
                "OTA_UPDATE_FAILED",
                "OTA_DISABLED",
                "OTA_INACTIVE",
                "OTA_CHECKING",
                "OTA_CHECK_FAILED",
                "OTA_UP_TO_DATE",
                "OTA_NEW_VERSION_AVAILABLE",
                "OTA_UPDATING",
                "OTA_PENDING_VERIFY",
                "OTA_DONE"
              ]
            },
            "update_progress": {
              "type": "number"
            }
          }
        },
        "serial": {
          "type": "object",
          "required": [
            "installed_firmware",
            "available_firmware",
            "state",
            "update_progress"
          ],
          "properties": {
            "installed_firmware": {
              "type": "object",
              "properties": {
                "version": {
                  "type": "string"
                }
              }
            },
            "available_firmware": {
              "type": "object",
              "properties": {
                "version": {
                  "type": "string"
                }
              }
            },
            "state": {
              "type": "string",
              "enum": [
                "OTA_UPDATE_FAILED",
                "OTA_DISABLED",
                "OTA_INACTIVE",
                "OTA_CHECKING",
                "OTA_CHECK_FAILED",
                "OTA_UP_TO_DATE",
                "OTA_NEW_VERSION_AVAILABLE",
                "OTA_UPDATING",
                "OTA_PENDING_VERIFY",
                "OTA_DONE"
              ]
            },
            "update_progress": {
              "type": "number"
            }
          }
        }
      }
    }
  },
  "checkOta": {
    "method": "GET",
    "path": "/api/v1/ota/check",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        }
      }
    }
  },
  "startOta": {
    "method": "POST",
    "path": "/api/v1/ota/start",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string"
        }
      }
    }
  },
  "getNetworkStatus": {
    "method": "GET",
    "path": "/api/v1/network/status",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "network_status",
        "wifi_sta",
        "eth"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "network_status": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "wifi_sta": {
          "type": "object",
          "properties": {
            "ip": {
              "type": "array",
              "items": {
                "type": "integer"
              }
            },
            "rssi": {
              "type": "integer"
            },
            "ssid": {
              "type": "string"
            },
            "mac": {
              "type": "string"
            }
          }
        },
        "eth": {
          "type": "object",
          "properties": {
            "ip": {
              "type": "array",
              "items": {
                "type": "integer"
              }
            },
            "mac": {
              "type": "string"
            }
          }
        }
      }
    }
  },
  "scanNetworks": {
    "method": "GET",
    "path": "/api/v1/network/scan",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status",
        "networks"
      ],
      "properties": {
        "status": {
          "type": "string"
        },
        "networks": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "ssid": {
                "type": "string"
              },
              "rssi": {
                "type": "integer"
              },
              "bssid": {
                "type": "string"
              }
            }
          }
        }
      }
    }
  },
  "ping": {
    "method": "GET",
    "path": "/ping",
    "status": 200,
    "mediaType": "text/plain",
    "schema": {
      "type": "string"
    }
  }
} as const satisfies Record<string, WireOperation>;

export type WireOperationId = keyof typeof WIRE_OPERATIONS;
