/* Generated from openapi/homevolt.yaml by clients/generate-wire-types.ts. Do not edit; run `npx tsx clients/generate-wire-types.ts`. */
import type { WireSchema } from '../shared/validate.ts';

export interface WireOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly status: number;
  readonly mediaType: string | null;
  readonly schema: WireSchema | null;
}

export const WIRE_OPERATIONS = {
  "getStatus": {
    "method": "GET",
    "path": "/status.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "up_time",
        "poll_time",
        "firmware",
        "wifi_status",
        "lte_status",
        "mqtt_status",
        "ota_update_running",
        "w868_status",
        "ems_status"
      ],
      "properties": {
        "up_time": {
          "type": "integer"
        },
        "poll_time": {
          "type": "integer"
        },
        "firmware": {
          "type": "object",
          "required": [
            "esp",
            "efr"
          ],
          "properties": {
            "esp": {
              "type": "string",
              "pattern": "^\\d+-[0-9a-f]{8}$"
            },
            "efr": {
              "type": "string",
              "pattern": "^\\d+-[0-9a-f]{8}$"
            }
          }
        },
        "wifi_status": {
          "type": "object",
          "required": [
            "wifi_mode",
            "ip",
            "ssid",
            "bssid",
            "rssi",
            "connected",
            "wifi_err_buf"
          ],
          "properties": {
            "wifi_mode": {
              "type": "string"
            },
            "ip": {
              "type": "string"
            },
            "ssid": {
              "type": "string"
            },
            "bssid": {
              "type": "string",
              "pattern": "^[0-9a-f]{12}$"
            },
            "rssi": {
              "type": "integer"
            },
            "connected": {
              "type": "boolean"
            },
            "wifi_err_buf": {
              "type": "array",
              "items": {
                "type": "integer"
              }
            }
          }
        },
        "lte_status": {
          "type": "object",
          "required": [
            "imei",
            "imsi",
            "iccid",
            "operator",
            "operator_name",
            "area_code",
            "cell_id",
            "band",
            "acc_tech",
            "sysmode",
            "rssi_db",
            "rssi",
            "ber",
            "chan",
            "pdp_active",
            "sim_type",
            "f_pin_ok",
            "f_present",
            "scan_seq"
          ],
          "properties": {
            "imei": {
              "type": "string"
            },
            "imsi": {
              "type": "string"
            },
            "iccid": {
              "type": "string"
            },
            "operator": {
              "type": "string"
            },
            "operator_name": {
              "type": "string"
            },
            "area_code": {
              "type": "string"
            },
            "cell_id": {
              "type": "string"
            },
            "band": {
              "type": "string"
            },
            "acc_tech": {
              "type": "string"
            },
            "sysmode": {
              "type": "string"
            },
            "rssi_db": {
              "type": "integer"
            },
            "rssi": {
              "type": "integer"
            },
            "ber": {
              "type": "integer"
            },
            "chan": {
              "type": "integer"
            },
            "pdp_active": {
              "type": "boolean"
            },
            "sim_type": {
              "type": "string"
            },
            "f_pin_ok": {
              "type": "boolean"
            },
            "f_present": {
              "type": "boolean"
            },
            "scan_seq": {
              "type": "string"
            }
          }
        },
        "mqtt_status": {
          "type": "object",
          "required": [
            "connected",
            "subscribed",
            "last_error"
          ],
          "properties": {
            "connected": {
              "type": "boolean"
            },
            "subscribed": {
              "type": "boolean"
            },
            "last_error": {
              "type": "object",
              "additionalProperties": {
                "type": "integer"
              }
            }
          }
        },
        "ota_update_running": {
          "type": "boolean"
        },
        "w868_status": {
          "type": "object",
          "required": [
            "product_id",
            "efr_id",
            "network_state",
            "node_type",
            "node_id",
            "pan_id",
            "radio_channel",
            "radio_power"
          ],
          "properties": {
            "product_id": {
              "type": "integer"
            },
            "efr_id": {
              "type": "string",
              "pattern": "^[0-9a-f]{16}$"
            },
            "network_state": {
              "type": "integer"
            },
            "node_type": {
              "type": "integer"
            },
            "node_id": {
              "type": "integer"
            },
            "pan_id": {
              "type": "integer"
            },
            "radio_channel": {
              "type": "integer"
            },
            "radio_power": {
              "type": "integer"
            }
          }
        },
        "ems_status": {
          "type": "object",
          "required": [
            "bms_info"
          ],
          "properties": {
            "ems_info": {
              "type": "object",
              "required": [
                "protocol_version",
                "fw_version",
                "rated_power",
                "rated_cap",
                "rated_pv_power"
              ],
              "properties": {
                "protocol_version": {
                  "type": "integer"
                },
                "fw_version": {
                  "type": "string"
                },
                "rated_power": {
                  "type": "integer"
                },
                "rated_cap": {
                  "type": "integer"
                },
                "rated_pv_power": {
                  "type": "integer"
                }
              }
            },
            "inverter_info": {
              "type": "object",
              "required": [
                "fw_version",
                "serial_number"
              ],
              "properties": {
                "fw_version": {
                  "type": "string"
                },
                "serial_number": {
                  "type": "string"
                }
              }
            },
            "bms_info": {
              "type": "array",
              "items": {
                "type": "object",
                "required": [
                  "fw_version",
                  "serial_number",
                  "rated_cap",
                  "id"
                ],
                "properties": {
                  "fw_version": {
                    "type": "string"
                  },
                  "serial_number": {
                    "type": "string"
                  },
                  "rated_cap": {
                    "type": "integer"
                  },
                  "id": {
                    "type": "integer"
                  },
                  "battery_type": {
                    "type": "integer"
                  },
                  "battery_type_str": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "getEms": {
    "method": "GET",
    "path": "/ems.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "$type",
        "ts",
        "ems",
        "aggregated",
        "sensors"
      ],
      "properties": {
        "$type": {
          "type": "string",
          "enum": [
            "ems_data"
          ]
        },
        "ts": {
          "type": "integer"
        },
        "ems": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "ecu_id",
              "ecu_host",
              "ecu_version",
              "error",
              "error_str",
              "op_state",
              "op_state_str",
              "ems_info",
              "bms_info",
              "inv_info",
              "ems_config",
              "inv_config",
              "ems_control",
              "ems_data",
              "bms_data",
              "ems_prediction",
              "ems_voltage",
              "ems_current",
              "ems_aggregate",
              "error_cnt"
            ],
            "properties": {
              "ecu_id": {
                "oneOf": [
                  {
                    "type": "string",
                    "pattern": "^[0-9a-f]{12}$"
                  },
                  {
                    "type": "integer",
                    "minimum": 0
                  }
                ]
              },
              "ecu_host": {
                "type": "string"
              },
              "ecu_version": {
                "type": "string"
              },
              "error": {
                "type": "integer"
              },
              "error_str": {
                "type": "string"
              },
              "op_state": {
                "type": "integer"
              },
              "op_state_str": {
                "type": "string"
              },
              "ems_info": {
                "type": "object",
                "required": [
                  "protocol_version",
                  "fw_version",
                  "rated_capacity",
                  "rated_power"
                ],
                "properties": {
                  "protocol_version": {
                    "type": "integer"
                  },
                  "fw_version": {
                    "type": "string"
                  },
                  "rated_capacity": {
                    "type": "integer"
                  },
                  "rated_power": {
                    "type": "integer"
                  },
                  "rated_pv_power": {
                    "type": "integer"
                  },
                  "model": {
                    "type": "string"
                  }
                }
              },
              "bms_info": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "fw_version",
                    "serial_number",
                    "rated_cap",
                    "id"
                  ],
                  "properties": {
                    "fw_version": {
                      "type": "string"
                    },
                    "serial_number": {
                      "type": "string"
                    },
                    "rated_cap": {
                      "type": "integer"
                    },
                    "id": {
                      "type": "integer"
                    },
                    "battery_type": {
                      "type": "integer"
                    },
                    "battery_type_str": {
                      "type": "string"
                    }
                  }
                }
              },
              "inv_info": {
                "type": "object",
                "required": [
                  "fw_version",
                  "serial_number"
                ],
                "properties": {
                  "fw_version": {
                    "type": "string"
                  },
                  "serial_number": {
                    "type": "string"
                  }
                }
              },
              "ems_config": {
                "type": "object",
                "required": [
                  "grid_code_preset",
                  "grid_code_preset_str",
                  "control_timeout"
                ],
                "properties": {
                  "grid_code_preset": {
                    "type": "integer"
                  },
                  "grid_code_preset_str": {
                    "type": "string"
                  },
                  "control_timeout": {
                    "type": "boolean"
                  }
                }
              },
              "inv_config": {
                "type": "object",
                "required": [
                  "ffr_fstart_freq"
                ],
                "properties": {
                  "ffr_fstart_freq": {
                    "type": "integer"
                  }
                }
              },
              "ems_control": {
                "type": "object",
                "required": [
                  "mode_sel",
                  "mode_sel_str",
                  "pwr_ref",
                  "freq_res_mode",
                  "freq_res_pwr_fcr_n",
                  "freq_res_pwr_fcr_d_up",
                  "freq_res_pwr_fcr_d_down",
                  "freq_res_pwr_ref_ffr",
                  "act_pwr_ch_lim",
                  "act_pwr_di_lim",
                  "react_pwr_pos_limit",
                  "react_pwr_neg_limit",
                  "freq_test_seq",
                  "data_usage",
                  "allow_dfu"
                ],
                "properties": {
                  "mode_sel": {
                    "type": "integer"
                  },
                  "mode_sel_str": {
                    "type": "string"
                  },
                  "pwr_ref": {
                    "type": "integer"
                  },
                  "freq_res_mode": {
                    "type": "integer"
                  },
                  "freq_res_pwr_fcr_n": {
                    "type": "integer"
                  },
                  "freq_res_pwr_fcr_d_up": {
                    "type": "integer"
                  },
                  "freq_res_pwr_fcr_d_down": {
                    "type": "integer"
                  },
                  "freq_res_pwr_ref_ffr": {
                    "type": "integer"
                  },
                  "act_pwr_ch_lim": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "act_pwr_di_lim": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "react_pwr_pos_limit": {
                    "type": "integer"
                  },
                  "react_pwr_neg_limit": {
                    "type": "integer"
                  },
                  "freq_test_seq": {
                    "type": "integer"
                  },
                  "data_usage": {
                    "type": "integer"
                  },
                  "allow_dfu": {
                    "type": "boolean"
                  }
                }
              },
              "ems_data": {
                "type": "object",
                "required": [
                  "timestamp_ms",
                  "state",
                  "state_str",
                  "info",
                  "info_str",
                  "warning",
                  "warning_str",
                  "alarm",
                  "alarm_str",
                  "phase_angle",
                  "frequency",
                  "phase_seq",
                  "power",
                  "apparent_power",
                  "reactive_power",
                  "energy_produced",
                  "energy_consumed",
                  "sys_temp",
                  "avail_cap",
                  "freq_res_state",
                  "soc_avg"
                ],
                "properties": {
                  "timestamp_ms": {
                    "type": "integer"
                  },
                  "state": {
                    "type": "integer"
                  },
                  "state_str": {
                    "type": "string"
                  },
                  "info": {
                    "type": "integer"
                  },
                  "info_str": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "warning": {
                    "type": "integer"
                  },
                  "warning_str": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "alarm": {
                    "type": "integer"
                  },
                  "alarm_str": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "phase_angle": {
                    "type": "integer"
                  },
                  "frequency": {
                    "type": "integer",
                    "minimum": 40000,
                    "maximum": 60000
                  },
                  "phase_seq": {
                    "type": "integer"
                  },
                  "power": {
                    "type": "integer"
                  },
                  "apparent_power": {
                    "type": "integer"
                  },
                  "reactive_power": {
                    "type": "integer"
                  },
                  "energy_produced": {
                    "type": "integer"
                  },
                  "energy_consumed": {
                    "type": "integer"
                  },
                  "sys_temp": {
                    "type": "integer"
                  },
                  "avail_cap": {
                    "type": "integer"
                  },
                  "freq_res_state": {
                    "type": "integer"
                  },
                  "soc_avg": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 10000
                  }
                }
              },
              "bms_data": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "energy_avail",
                    "cycle_count",
                    "soc",
                    "state",
                    "state_str",
                    "alarm",
                    "alarm_str",
                    "tmin",
                    "tmax"
                  ],
                  "properties": {
                    "energy_avail": {
                      "type": "integer"
                    },
                    "cycle_count": {
                      "type": "integer"
                    },
                    "soc": {
                      "type": "integer",
                      "minimum": 0,
                      "maximum": 10000
                    },
                    "state": {
                      "type": "integer"
                    },
                    "state_str": {
                      "type": "string"
                    },
                    "alarm": {
                      "type": "integer"
                    },
                    "alarm_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "tmin": {
                      "type": "integer"
                    },
                    "tmax": {
                      "type": "integer"
                    }
                  }
                }
              },
              "ems_prediction": {
                "type": "object",
                "required": [
                  "avail_ch_pwr",
                  "avail_di_pwr",
                  "avail_ch_energy",
                  "avail_di_energy",
                  "avail_inv_ch_pwr",
                  "avail_inv_di_pwr",
                  "avail_group_fuse_ch_pwr",
                  "avail_group_fuse_di_pwr"
                ],
                "properties": {
                  "avail_ch_pwr": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "avail_di_pwr": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "avail_ch_energy": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "avail_di_energy": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "avail_inv_ch_pwr": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "avail_inv_di_pwr": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "avail_group_fuse_ch_pwr": {
                    "type": "integer"
                  },
                  "avail_group_fuse_di_pwr": {
                    "type": "integer"
                  }
                }
              },
              "ems_voltage": {
                "type": "object",
                "required": [
                  "l1",
                  "l2",
                  "l3",
                  "l1_l2",
                  "l2_l3",
                  "l3_l1"
                ],
                "properties": {
                  "l1": {
                    "type": "integer"
                  },
                  "l2": {
                    "type": "integer"
                  },
                  "l3": {
                    "type": "integer"
                  },
                  "l1_l2": {
                    "type": "integer"
                  },
                  "l2_l3": {
                    "type": "integer"
                  },
                  "l3_l1": {
                    "type": "integer"
                  }
                }
              },
              "ems_current": {
                "type": "object",
                "required": [
                  "l1",
                  "l2",
                  "l3"
                ],
                "properties": {
                  "l1": {
                    "type": "number"
                  },
                  "l2": {
                    "type": "number"
                  },
                  "l3": {
                    "type": "number"
                  }
                }
              },
              "ems_aggregate": {
                "type": "object",
                "required": [
                  "imported_kwh",
                  "exported_kwh"
                ],
                "properties": {
                  "imported_kwh": {
                    "type": "number"
                  },
                  "exported_kwh": {
                    "type": "number"
                  }
                }
              },
              "error_cnt": {
                "type": "integer"
              },
              "peer": {
                "type": "object",
                "required": [
                  "last_seq",
                  "last_timestamp_ms",
                  "last_decrypt_age_ms",
                  "last_encrypt_age_ms"
                ],
                "properties": {
                  "last_seq": {
                    "type": "integer"
                  },
                  "last_timestamp_ms": {
                    "type": "integer"
                  },
                  "last_decrypt_age_ms": {
                    "type": "integer"
                  },
                  "last_encrypt_age_ms": {
                    "type": "integer"
                  }
                }
              }
            }
          }
        },
        "aggregated": {
          "oneOf": [
            {
              "type": "object",
              "required": [
                "error",
                "error_str",
                "op_state",
                "op_state_str",
                "ems_control",
                "ems_data",
                "ems_prediction"
              ],
              "properties": {
                "error": {
                  "type": "integer"
                },
                "error_str": {
                  "type": "string"
                },
                "op_state": {
                  "type": "integer"
                },
                "op_state_str": {
                  "type": "string"
                },
                "ems_control": {
                  "type": "object",
                  "required": [
                    "mode_sel",
                    "mode_sel_str",
                    "pwr_ref",
                    "freq_res_mode",
                    "freq_res_pwr_fcr_n",
                    "freq_res_pwr_fcr_d_up",
                    "freq_res_pwr_fcr_d_down",
                    "freq_res_pwr_ref_ffr",
                    "act_pwr_ch_lim",
                    "act_pwr_di_lim",
                    "react_pwr_pos_limit",
                    "react_pwr_neg_limit",
                    "freq_test_seq",
                    "data_usage",
                    "allow_dfu"
                  ],
                  "properties": {
                    "mode_sel": {
                      "type": "integer"
                    },
                    "mode_sel_str": {
                      "type": "string"
                    },
                    "pwr_ref": {
                      "type": "integer"
                    },
                    "freq_res_mode": {
                      "type": "integer"
                    },
                    "freq_res_pwr_fcr_n": {
                      "type": "integer"
                    },
                    "freq_res_pwr_fcr_d_up": {
                      "type": "integer"
                    },
                    "freq_res_pwr_fcr_d_down": {
                      "type": "integer"
                    },
                    "freq_res_pwr_ref_ffr": {
                      "type": "integer"
                    },
                    "act_pwr_ch_lim": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "act_pwr_di_lim": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "react_pwr_pos_limit": {
                      "type": "integer"
                    },
                    "react_pwr_neg_limit": {
                      "type": "integer"
                    },
                    "freq_test_seq": {
                      "type": "integer"
                    },
                    "data_usage": {
                      "type": "integer"
                    },
                    "allow_dfu": {
                      "type": "boolean"
                    }
                  }
                },
                "ems_data": {
                  "type": "object",
                  "required": [
                    "timestamp_ms",
                    "state",
                    "state_str",
                    "info",
                    "info_str",
                    "warning",
                    "warning_str",
                    "alarm",
                    "alarm_str",
                    "phase_angle",
                    "frequency",
                    "phase_seq",
                    "power",
                    "apparent_power",
                    "reactive_power",
                    "energy_produced",
                    "energy_consumed",
                    "sys_temp",
                    "avail_cap",
                    "freq_res_state",
                    "soc_avg"
                  ],
                  "properties": {
                    "timestamp_ms": {
                      "type": "integer"
                    },
                    "state": {
                      "type": "integer"
                    },
                    "state_str": {
                      "type": "string"
                    },
                    "info": {
                      "type": "integer"
                    },
                    "info_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "warning": {
                      "type": "integer"
                    },
                    "warning_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "alarm": {
                      "type": "integer"
                    },
                    "alarm_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "phase_angle": {
                      "type": "integer"
                    },
                    "frequency": {
                      "type": "integer",
                      "minimum": 40000,
                      "maximum": 60000
                    },
                    "phase_seq": {
                      "type": "integer"
                    },
                    "power": {
                      "type": "integer"
                    },
                    "apparent_power": {
                      "type": "integer"
                    },
                    "reactive_power": {
                      "type": "integer"
                    },
                    "energy_produced": {
                      "type": "integer"
                    },
                    "energy_consumed": {
                      "type": "integer"
                    },
                    "sys_temp": {
                      "type": "integer"
                    },
                    "avail_cap": {
                      "type": "integer"
                    },
                    "freq_res_state": {
                      "type": "integer"
                    },
                    "soc_avg": {
                      "type": "integer",
                      "minimum": 0,
                      "maximum": 10000
                    }
                  }
                },
                "ems_prediction": {
                  "type": "object",
                  "required": [
                    "avail_ch_pwr",
                    "avail_di_pwr",
                    "avail_ch_energy",
                    "avail_di_energy",
                    "avail_inv_ch_pwr",
                    "avail_inv_di_pwr",
                    "avail_group_fuse_ch_pwr",
                    "avail_group_fuse_di_pwr"
                  ],
                  "properties": {
                    "avail_ch_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_di_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_ch_energy": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_di_energy": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_inv_ch_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_inv_di_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_group_fuse_ch_pwr": {
                      "type": "integer"
                    },
                    "avail_group_fuse_di_pwr": {
                      "type": "integer"
                    }
                  }
                }
              }
            },
            {
              "type": "object",
              "required": [
                "ecu_id",
                "ecu_host",
                "ecu_version",
                "error",
                "error_str",
                "op_state",
                "op_state_str",
                "ems_info",
                "bms_info",
                "inv_info",
                "ems_config",
                "inv_config",
                "ems_control",
                "ems_data",
                "bms_data",
                "ems_prediction",
                "ems_voltage",
                "ems_current",
                "ems_aggregate",
                "error_cnt"
              ],
              "properties": {
                "ecu_id": {
                  "oneOf": [
                    {
                      "type": "string",
                      "pattern": "^[0-9a-f]{12}$"
                    },
                    {
                      "type": "integer",
                      "minimum": 0
                    }
                  ]
                },
                "ecu_host": {
                  "type": "string"
                },
                "ecu_version": {
                  "type": "string"
                },
                "error": {
                  "type": "integer"
                },
                "error_str": {
                  "type": "string"
                },
                "op_state": {
                  "type": "integer"
                },
                "op_state_str": {
                  "type": "string"
                },
                "ems_info": {
                  "type": "object",
                  "required": [
                    "protocol_version",
                    "fw_version",
                    "rated_capacity",
                    "rated_power"
                  ],
                  "properties": {
                    "protocol_version": {
                      "type": "integer"
                    },
                    "fw_version": {
                      "type": "string"
                    },
                    "rated_capacity": {
                      "type": "integer"
                    },
                    "rated_power": {
                      "type": "integer"
                    },
                    "rated_pv_power": {
                      "type": "integer"
                    },
                    "model": {
                      "type": "string"
                    }
                  }
                },
                "bms_info": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "fw_version",
                      "serial_number",
                      "rated_cap",
                      "id"
                    ],
                    "properties": {
                      "fw_version": {
                        "type": "string"
                      },
                      "serial_number": {
                        "type": "string"
                      },
                      "rated_cap": {
                        "type": "integer"
                      },
                      "id": {
                        "type": "integer"
                      },
                      "battery_type": {
                        "type": "integer"
                      },
                      "battery_type_str": {
                        "type": "string"
                      }
                    }
                  }
                },
                "inv_info": {
                  "type": "object",
                  "required": [
                    "fw_version",
                    "serial_number"
                  ],
                  "properties": {
                    "fw_version": {
                      "type": "string"
                    },
                    "serial_number": {
                      "type": "string"
                    }
                  }
                },
                "ems_config": {
                  "type": "object",
                  "required": [
                    "grid_code_preset",
                    "grid_code_preset_str",
                    "control_timeout"
                  ],
                  "properties": {
                    "grid_code_preset": {
                      "type": "integer"
                    },
                    "grid_code_preset_str": {
                      "type": "string"
                    },
                    "control_timeout": {
                      "type": "boolean"
                    }
                  }
                },
                "inv_config": {
                  "type": "object",
                  "required": [
                    "ffr_fstart_freq"
                  ],
                  "properties": {
                    "ffr_fstart_freq": {
                      "type": "integer"
                    }
                  }
                },
                "ems_control": {
                  "type": "object",
                  "required": [
                    "mode_sel",
                    "mode_sel_str",
                    "pwr_ref",
                    "freq_res_mode",
                    "freq_res_pwr_fcr_n",
                    "freq_res_pwr_fcr_d_up",
                    "freq_res_pwr_fcr_d_down",
                    "freq_res_pwr_ref_ffr",
                    "act_pwr_ch_lim",
                    "act_pwr_di_lim",
                    "react_pwr_pos_limit",
                    "react_pwr_neg_limit",
                    "freq_test_seq",
                    "data_usage",
                    "allow_dfu"
                  ],
                  "properties": {
                    "mode_sel": {
                      "type": "integer"
                    },
                    "mode_sel_str": {
                      "type": "string"
                    },
                    "pwr_ref": {
                      "type": "integer"
                    },
                    "freq_res_mode": {
                      "type": "integer"
                    },
                    "freq_res_pwr_fcr_n": {
                      "type": "integer"
                    },
                    "freq_res_pwr_fcr_d_up": {
                      "type": "integer"
                    },
                    "freq_res_pwr_fcr_d_down": {
                      "type": "integer"
                    },
                    "freq_res_pwr_ref_ffr": {
                      "type": "integer"
                    },
                    "act_pwr_ch_lim": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "act_pwr_di_lim": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "react_pwr_pos_limit": {
                      "type": "integer"
                    },
                    "react_pwr_neg_limit": {
                      "type": "integer"
                    },
                    "freq_test_seq": {
                      "type": "integer"
                    },
                    "data_usage": {
                      "type": "integer"
                    },
                    "allow_dfu": {
                      "type": "boolean"
                    }
                  }
                },
                "ems_data": {
                  "type": "object",
                  "required": [
                    "timestamp_ms",
                    "state",
                    "state_str",
                    "info",
                    "info_str",
                    "warning",
                    "warning_str",
                    "alarm",
                    "alarm_str",
                    "phase_angle",
                    "frequency",
                    "phase_seq",
                    "power",
                    "apparent_power",
                    "reactive_power",
                    "energy_produced",
                    "energy_consumed",
                    "sys_temp",
                    "avail_cap",
                    "freq_res_state",
                    "soc_avg"
                  ],
                  "properties": {
                    "timestamp_ms": {
                      "type": "integer"
                    },
                    "state": {
                      "type": "integer"
                    },
                    "state_str": {
                      "type": "string"
                    },
                    "info": {
                      "type": "integer"
                    },
                    "info_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "warning": {
                      "type": "integer"
                    },
                    "warning_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "alarm": {
                      "type": "integer"
                    },
                    "alarm_str": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "phase_angle": {
                      "type": "integer"
                    },
                    "frequency": {
                      "type": "integer",
                      "minimum": 40000,
                      "maximum": 60000
                    },
                    "phase_seq": {
                      "type": "integer"
                    },
                    "power": {
                      "type": "integer"
                    },
                    "apparent_power": {
                      "type": "integer"
                    },
                    "reactive_power": {
                      "type": "integer"
                    },
                    "energy_produced": {
                      "type": "integer"
                    },
                    "energy_consumed": {
                      "type": "integer"
                    },
                    "sys_temp": {
                      "type": "integer"
                    },
                    "avail_cap": {
                      "type": "integer"
                    },
                    "freq_res_state": {
                      "type": "integer"
                    },
                    "soc_avg": {
                      "type": "integer",
                      "minimum": 0,
                      "maximum": 10000
                    }
                  }
                },
                "bms_data": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "energy_avail",
                      "cycle_count",
                      "soc",
                      "state",
                      "state_str",
                      "alarm",
                      "alarm_str",
                      "tmin",
                      "tmax"
                    ],
                    "properties": {
                      "energy_avail": {
                        "type": "integer"
                      },
                      "cycle_count": {
                        "type": "integer"
                      },
                      "soc": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 10000
                      },
                      "state": {
                        "type": "integer"
                      },
                      "state_str": {
                        "type": "string"
                      },
                      "alarm": {
                        "type": "integer"
                      },
                      "alarm_str": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      },
                      "tmin": {
                        "type": "integer"
                      },
                      "tmax": {
                        "type": "integer"
                      }
                    }
                  }
                },
                "ems_prediction": {
                  "type": "object",
                  "required": [
                    "avail_ch_pwr",
                    "avail_di_pwr",
                    "avail_ch_energy",
                    "avail_di_energy",
                    "avail_inv_ch_pwr",
                    "avail_inv_di_pwr",
                    "avail_group_fuse_ch_pwr",
                    "avail_group_fuse_di_pwr"
                  ],
                  "properties": {
                    "avail_ch_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_di_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_ch_energy": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_di_energy": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_inv_ch_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_inv_di_pwr": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "avail_group_fuse_ch_pwr": {
                      "type": "integer"
                    },
                    "avail_group_fuse_di_pwr": {
                      "type": "integer"
                    }
                  }
                },
                "ems_voltage": {
                  "type": "object",
                  "required": [
                    "l1",
                    "l2",
                    "l3",
                    "l1_l2",
                    "l2_l3",
                    "l3_l1"
                  ],
                  "properties": {
                    "l1": {
                      "type": "integer"
                    },
                    "l2": {
                      "type": "integer"
                    },
                    "l3": {
                      "type": "integer"
                    },
                    "l1_l2": {
                      "type": "integer"
                    },
                    "l2_l3": {
                      "type": "integer"
                    },
                    "l3_l1": {
                      "type": "integer"
                    }
                  }
                },
                "ems_current": {
                  "type": "object",
                  "required": [
                    "l1",
                    "l2",
                    "l3"
                  ],
                  "properties": {
                    "l1": {
                      "type": "number"
                    },
                    "l2": {
                      "type": "number"
                    },
                    "l3": {
                      "type": "number"
                    }
                  }
                },
                "ems_aggregate": {
                  "type": "object",
                  "required": [
                    "imported_kwh",
                    "exported_kwh"
                  ],
                  "properties": {
                    "imported_kwh": {
                      "type": "number"
                    },
                    "exported_kwh": {
                      "type": "number"
                    }
                  }
                },
                "error_cnt": {
                  "type": "integer"
                },
                "peer": {
                  "type": "object",
                  "required": [
                    "last_seq",
                    "last_timestamp_ms",
                    "last_decrypt_age_ms",
                    "last_encrypt_age_ms"
                  ],
                  "properties": {
                    "last_seq": {
                      "type": "integer"
                    },
                    "last_timestamp_ms": {
                      "type": "integer"
                    },
                    "last_decrypt_age_ms": {
                      "type": "integer"
                    },
                    "last_encrypt_age_ms": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          ]
        },
        "sensors": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "euid",
              "interface",
              "available",
              "rssi",
              "average_rssi",
              "pdr",
              "phase",
              "frequency",
              "total_power",
              "energy_imported",
              "energy_exported",
              "timestamp",
              "timestamp_str"
            ],
            "properties": {
              "function": {
                "type": "string",
                "enum": [
                  "battery",
                  "grid",
                  "solar",
                  "load",
                  "unspecified"
                ]
              },
              "sensor_type": {
                "type": "string",
                "enum": [
                  "ems",
                  "pulse_ct",
                  "virtual"
                ]
              },
              "type": {
                "type": "string",
                "enum": [
                  "grid",
                  "solar",
                  "load",
                  "unspecified"
                ]
              },
              "node_id": {
                "type": "integer"
              },
              "euid": {
                "type": "string",
                "pattern": "^[0-9a-f]{16}$"
              },
              "interface": {
                "type": "integer",
                "minimum": 0,
                "maximum": 7
              },
              "available": {
                "type": "boolean"
              },
              "rssi": {
                "type": "number"
              },
              "average_rssi": {
                "type": "number"
              },
              "pdr": {
                "type": "number"
              },
              "phase": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "voltage",
                    "amp",
                    "power",
                    "pf"
                  ],
                  "properties": {
                    "voltage": {
                      "type": "number"
                    },
                    "amp": {
                      "type": "number"
                    },
                    "power": {
                      "type": "number"
                    },
                    "pf": {
                      "type": "number",
                      "minimum": -1,
                      "maximum": 1
                    }
                  }
                }
              },
              "frequency": {
                "type": "number"
              },
              "total_power": {
                "type": "integer"
              },
              "energy_imported": {
                "type": "number"
              },
              "energy_exported": {
                "type": "number"
              },
              "timestamp": {
                "type": "integer"
              },
              "timestamp_str": {
                "type": "string"
              }
            },
            "oneOf": [
              {
                "required": [
                  "function",
                  "sensor_type"
                ]
              },
              {
                "required": [
                  "type",
                  "node_id"
                ]
              }
            ]
          }
        }
      }
    }
  },
  "getSchedule": {
    "method": "GET",
    "path": "/schedule.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "local_mode",
        "schedule_id",
        "schedule"
      ],
      "properties": {
        "local_mode": {
          "type": "boolean"
        },
        "schedule_id": {
          "type": "string"
        },
        "schedule": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "type",
              "params"
            ],
            "properties": {
              "id": {
                "type": "integer"
              },
              "from": {
                "type": "integer"
              },
              "to": {
                "type": "integer"
              },
              "type": {
                "type": "integer",
                "minimum": 0,
                "maximum": 9
              },
              "min": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100
              },
              "max": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100
              },
              "params": {
                "type": "object",
                "additionalProperties": {
                  "oneOf": [
                    {
                      "type": "integer"
                    },
                    {
                      "type": "boolean"
                    }
                  ]
                }
              }
            }
          }
        }
      }
    }
  },
  "getParams": {
    "method": "GET",
    "path": "/params.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "param_id",
          "desc",
          "name",
          "size",
          "type",
          "value",
          "default",
          "help",
          "level"
        ],
        "properties": {
          "param_id": {
            "type": "integer"
          },
          "desc": {
            "type": "string",
            "pattern": "^\".*\"$"
          },
          "name": {
            "type": "string"
          },
          "size": {
            "type": "integer",
            "minimum": 1
          },
          "type": {
            "type": "string"
          },
          "value": {
            "oneOf": [
              {
                "type": "array",
                "items": {
                  "oneOf": [
                    {
                      "type": "boolean"
                    },
                    {
                      "type": "number"
                    }
                  ]
                }
              },
              {
                "type": "string"
              }
            ]
          },
          "default": {
            "oneOf": [
              {
                "type": "array",
                "items": {
                  "oneOf": [
                    {
                      "type": "boolean"
                    },
                    {
                      "type": "number"
                    }
                  ]
                }
              },
              {
                "type": "string"
              }
            ]
          },
          "help": {
            "type": "string"
          },
          "level": {
            "type": "integer"
          }
        }
      }
    }
  },
  "setParam": {
    "method": "POST",
    "path": "/params.json",
    "status": 200,
    "mediaType": "text/plain",
    "schema": {
      "type": "string",
      "pattern": "^Saved parameter k: '.*' v: '.*'$"
    }
  },
  "runConsole": {
    "method": "POST",
    "path": "/console.json",
    "status": 200,
    "mediaType": "text/plain",
    "schema": {
      "type": "string",
      "pattern": "^ecu-hub-esp32>  "
    }
  },
  "getPid": {
    "method": "GET",
    "path": "/pid.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "ems_pid",
        "lb_charge",
        "lb_discharge"
      ],
      "properties": {
        "ems_pid": {
          "type": "object",
          "required": [
            "kp",
            "ki",
            "kd",
            "setpoint",
            "integral",
            "filtered_input",
            "prev_error",
            "anti_windup",
            "cutoff_hz",
            "prev_output",
            "prev_input",
            "prev_min",
            "prev_max",
            "prev_delta_t",
            "prev_timestamp_ms"
          ],
          "properties": {
            "kp": {
              "type": "number"
            },
            "ki": {
              "type": "number"
            },
            "kd": {
              "type": "number"
            },
            "setpoint": {
              "type": "number"
            },
            "integral": {
              "type": "number"
            },
            "filtered_input": {
              "type": "number"
            },
            "prev_error": {
              "type": "number"
            },
            "anti_windup": {
              "type": "number"
            },
            "cutoff_hz": {
              "type": "number"
            },
            "prev_output": {
              "type": "number"
            },
            "prev_input": {
              "type": "number"
            },
            "prev_min": {
              "type": "number"
            },
            "prev_max": {
              "type": "number"
            },
            "prev_delta_t": {
              "type": "number"
            },
            "prev_timestamp_ms": {
              "type": "integer"
            }
          }
        },
        "lb_charge": {
          "type": "object",
          "required": [
            "kp",
            "ki",
            "kd",
            "setpoint",
            "integral",
            "filtered_input",
            "prev_error",
            "anti_windup",
            "cutoff_hz",
            "prev_output",
            "prev_input",
            "prev_min",
            "prev_max",
            "prev_delta_t",
            "prev_timestamp_ms"
          ],
          "properties": {
            "kp": {
              "type": "number"
            },
            "ki": {
              "type": "number"
            },
            "kd": {
              "type": "number"
            },
            "setpoint": {
              "type": "number"
            },
            "integral": {
              "type": "number"
            },
            "filtered_input": {
              "type": "number"
            },
            "prev_error": {
              "type": "number"
            },
            "anti_windup": {
              "type": "number"
            },
            "cutoff_hz": {
              "type": "number"
            },
            "prev_output": {
              "type": "number"
            },
            "prev_input": {
              "type": "number"
            },
            "prev_min": {
              "type": "number"
            },
            "prev_max": {
              "type": "number"
            },
            "prev_delta_t": {
              "type": "number"
            },
            "prev_timestamp_ms": {
              "type": "integer"
            }
          }
        },
        "lb_discharge": {
          "type": "object",
          "required": [
            "kp",
            "ki",
            "kd",
            "setpoint",
            "integral",
            "filtered_input",
            "prev_error",
            "anti_windup",
            "cutoff_hz",
            "prev_output",
            "prev_input",
            "prev_min",
            "prev_max",
            "prev_delta_t",
            "prev_timestamp_ms"
          ],
          "properties": {
            "kp": {
              "type": "number"
            },
            "ki": {
              "type": "number"
            },
            "kd": {
              "type": "number"
            },
            "setpoint": {
              "type": "number"
            },
            "integral": {
              "type": "number"
            },
            "filtered_input": {
              "type": "number"
            },
            "prev_error": {
              "type": "number"
            },
            "anti_windup": {
              "type": "number"
            },
            "cutoff_hz": {
              "type": "number"
            },
            "prev_output": {
              "type": "number"
            },
            "prev_input": {
              "type": "number"
            },
            "prev_min": {
              "type": "number"
            },
            "prev_max": {
              "type": "number"
            },
            "prev_delta_t": {
              "type": "number"
            },
            "prev_timestamp_ms": {
              "type": "integer"
            }
          }
        }
      }
    }
  },
  "getEmsPidHistory": {
    "method": "GET",
    "path": "/ems_pid_history.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "from",
        "id",
        "name",
        "constants",
        "data"
      ],
      "properties": {
        "from": {
          "type": "integer"
        },
        "id": {
          "type": "integer"
        },
        "name": {
          "type": "string"
        },
        "constants": {
          "type": "object",
          "required": [
            "kp",
            "ki",
            "kd",
            "setpoint",
            "anti_windup",
            "cutoff_hz"
          ],
          "properties": {
            "kp": {
              "type": "number"
            },
            "ki": {
              "type": "number"
            },
            "kd": {
              "type": "number"
            },
            "setpoint": {
              "type": "number"
            },
            "anti_windup": {
              "type": "number"
            },
            "cutoff_hz": {
              "type": "number"
            }
          }
        },
        "data": {
          "type": "object"
        }
      }
    }
  },
  "getEmsHistory": {
    "method": "GET",
    "path": "/ems_history.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "timestamp_ms",
          "power",
          "grid_power",
          "solar_power",
          "soc_avg"
        ],
        "properties": {
          "timestamp_ms": {
            "type": "integer"
          },
          "power": {
            "type": "integer"
          },
          "grid_power": {
            "type": "integer"
          },
          "solar_power": {
            "type": "integer"
          },
          "soc_avg": {
            "type": "integer"
          }
        }
      }
    }
  },
  "getNodes": {
    "method": "GET",
    "path": "/nodes.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "node_id",
          "product_id",
          "product_model",
          "eui",
          "version",
          "warp_version",
          "average_rssi",
          "rssi",
          "average_lqi",
          "lqi",
          "pdr",
          "last_seen_ms",
          "last_data_ms",
          "available",
          "ota_upload_state",
          "ota_distribute_status",
          "paired",
          "advertise_sent",
          "model",
          "ota_tag",
          "manifest_version"
        ],
        "properties": {
          "node_id": {
            "type": "integer"
          },
          "product_id": {
            "type": "integer"
          },
          "product_model": {
            "type": "string"
          },
          "eui": {
            "type": "string",
            "pattern": "^[0-9a-f]{16}$"
          },
          "version": {
            "type": "string"
          },
          "warp_version": {
            "type": "integer"
          },
          "average_rssi": {
            "type": "integer"
          },
          "rssi": {
            "type": "integer"
          },
          "average_lqi": {
            "type": "integer"
          },
          "lqi": {
            "type": "integer"
          },
          "pdr": {
            "type": "number"
          },
          "last_seen_ms": {
            "type": "integer"
          },
          "last_data_ms": {
            "type": "integer"
          },
          "available": {
            "type": "boolean"
          },
          "ota_upload_state": {
            "type": "string"
          },
          "ota_distribute_status": {
            "type": "string"
          },
          "paired": {
            "type": "boolean"
          },
          "advertise_sent": {
            "type": "boolean"
          },
          "model": {
            "type": "string"
          },
          "ota_tag": {
            "type": "integer"
          },
          "manifest_version": {
            "type": "string"
          }
        }
      }
    }
  },
  "getNodeMetrics": {
    "method": "GET",
    "path": "/node_metrics.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "node",
        "hub",
        "packet_delivery_rate"
      ],
      "properties": {
        "node": {
          "type": "object",
          "required": [
            "node_id",
            "timestamp",
            "battery_voltage",
            "temperature",
            "usb_power"
          ],
          "additionalProperties": {
            "oneOf": [
              {
                "type": "number"
              },
              {
                "type": "boolean"
              }
            ]
          }
        },
        "hub": {
          "type": "object",
          "additionalProperties": {
            "type": "integer"
          }
        },
        "packet_delivery_rate": {
          "type": "number"
        }
      }
    }
  },
  "getNodeData": {
    "method": "GET",
    "path": "/node_data.json",
    "status": 200,
    "mediaType": "application/octet-stream",
    "schema": {
      "type": "string"
    }
  },
  "getCt": {
    "method": "GET",
    "path": "/ct.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "bs",
        "cs",
        "beb",
        "ct",
        "tpw",
        "imp",
        "exp"
      ],
      "properties": {
        "bs": {
          "type": "integer"
        },
        "cs": {
          "type": "integer"
        },
        "beb": {
          "type": "integer"
        },
        "ct": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "ts",
              "amps",
              "volts",
              "deg",
              "ceb",
              "csb",
              "pf",
              "va",
              "pwr",
              "line",
              "imp",
              "exp"
            ],
            "properties": {
              "ts": {
                "type": "integer"
              },
              "amps": {
                "type": "number"
              },
              "volts": {
                "type": "number"
              },
              "deg": {
                "type": "number"
              },
              "ceb": {
                "type": "integer"
              },
              "csb": {
                "type": "integer"
              },
              "pf": {
                "type": "number"
              },
              "va": {
                "type": "number"
              },
              "pwr": {
                "type": "number"
              },
              "line": {
                "type": "integer",
                "enum": [
                  0,
                  120,
                  240
                ]
              },
              "imp": {
                "type": "number"
              },
              "exp": {
                "type": "number"
              }
            }
          }
        },
        "tpw": {
          "type": "integer"
        },
        "imp": {
          "type": "number"
        },
        "exp": {
          "type": "number"
        }
      }
    }
  },
  "getCtHistory": {
    "method": "GET",
    "path": "/ct_history.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "ts",
          "tpw"
        ],
        "properties": {
          "ts": {
            "type": "integer"
          },
          "tpw": {
            "type": "integer"
          }
        }
      }
    }
  },
  "getMainsData": {
    "method": "GET",
    "path": "/mains_data.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "timestamp",
        "peak_index",
        "signal_voltage",
        "mains_voltage",
        "mains_voltage_rms",
        "average_voltage",
        "frequency",
        "avg_max",
        "avg_min",
        "noise",
        "mains_adc_buffer"
      ],
      "properties": {
        "timestamp": {
          "type": "integer"
        },
        "peak_index": {
          "type": "integer"
        },
        "signal_voltage": {
          "type": "number"
        },
        "mains_voltage": {
          "type": "number"
        },
        "mains_voltage_rms": {
          "type": "number"
        },
        "average_voltage": {
          "type": "number"
        },
        "frequency": {
          "type": "number"
        },
        "avg_max": {
          "type": "integer"
        },
        "avg_min": {
          "type": "integer"
        },
        "noise": {
          "type": "integer"
        },
        "mains_adc_buffer": {
          "type": "array",
          "items": {
            "type": "integer"
          }
        }
      }
    }
  },
  "getEfrHubStatus": {
    "method": "GET",
    "path": "/efr_hub_status.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "product_id",
        "efr_id",
        "network_state",
        "node_type",
        "node_id",
        "pan_id",
        "radio_channel",
        "radio_power",
        "version",
        "bl_version",
        "permit_pairing",
        "permit_pairing_timeout",
        "warp_mode",
        "timesync_ts_ticks",
        "ts_offset",
        "ota"
      ],
      "properties": {
        "efr_id": {
          "type": "string",
          "pattern": "^[0-9a-f]{16}$"
        },
        "version": {
          "type": "string"
        },
        "bl_version": {
          "type": "integer"
        },
        "permit_pairing": {
          "type": "boolean"
        },
        "permit_pairing_timeout": {
          "type": "integer"
        },
        "warp_mode": {
          "type": "integer"
        },
        "timesync_ts_ticks": {
          "type": "integer"
        },
        "ts_offset": {
          "type": "integer"
        },
        "ota": {
          "type": "object",
          "additionalProperties": {
            "type": "integer"
          }
        }
      }
    }
  },
  "getEcuSense": {
    "method": "GET",
    "path": "/ecu_sense.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "node_euid",
          "interface",
          "interface_names",
          "function",
          "function_name",
          "label"
        ],
        "properties": {
          "node_euid": {
            "type": "string",
            "pattern": "^[0-9a-f]{16}$"
          },
          "interface": {
            "type": "integer",
            "minimum": 0,
            "maximum": 7
          },
          "interface_names": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "L1",
                "L2",
                "L3"
              ]
            }
          },
          "function": {
            "type": "integer"
          },
          "function_name": {
            "type": "string",
            "enum": [
              "unspecified",
              "grid",
              "solar"
            ]
          },
          "label": {
            "type": "string"
          }
        }
      }
    }
  },
  "getErrorReport": {
    "method": "GET",
    "path": "/error_report.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "sub_system_id",
          "sub_system_name",
          "error_id",
          "error_name",
          "activated",
          "message",
          "details"
        ],
        "properties": {
          "sub_system_id": {
            "type": "integer"
          },
          "sub_system_name": {
            "type": "string"
          },
          "error_id": {
            "type": "integer"
          },
          "error_name": {
            "type": "string"
          },
          "activated": {
            "type": "string",
            "enum": [
              "ok",
              "warning",
              "error",
              "unknown"
            ]
          },
          "message": {
            "type": "string"
          },
          "details": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      }
    }
  },
  "getErrorHistory": {
    "method": "GET",
    "path": "/error_history.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "timestamp",
          "severity",
          "sub_system_name",
          "message"
        ],
        "properties": {
          "timestamp": {
            "type": "integer"
          },
          "severity": {
            "type": "string"
          },
          "sub_system_name": {
            "type": "string"
          },
          "message": {
            "type": "string"
          }
        }
      }
    }
  },
  "getLogs": {
    "method": "GET",
    "path": "/logs.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "timestamp",
          "core",
          "level",
          "data",
          "tag",
          "task"
        ],
        "properties": {
          "timestamp": {
            "type": "integer"
          },
          "core": {
            "type": "integer"
          },
          "level": {
            "type": "string",
            "enum": [
              "debug",
              "info",
              "warning",
              "error"
            ]
          },
          "data": {
            "type": "string"
          },
          "tag": {
            "type": "string"
          },
          "task": {
            "type": "string"
          }
        }
      }
    }
  },
  "getWifiScan": {
    "method": "GET",
    "path": "/wifiscan.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "ssid",
          "bssid",
          "ch",
          "open",
          "bw",
          "rssi",
          "auth",
          "gcipher",
          "pchiper",
          "11b",
          "11g",
          "11n",
          "wps"
        ],
        "properties": {
          "ssid": {
            "type": "string"
          },
          "bssid": {
            "type": "string",
            "pattern": "^[0-9a-f]{12}$"
          },
          "ch": {
            "type": "integer"
          },
          "open": {
            "type": "boolean"
          },
          "bw": {
            "type": "string"
          },
          "rssi": {
            "type": "integer"
          },
          "auth": {
            "type": "string"
          },
          "gcipher": {
            "type": "string"
          },
          "pchiper": {
            "type": "string"
          },
          "11b": {
            "type": "integer"
          },
          "11g": {
            "type": "integer"
          },
          "11n": {
            "type": "integer"
          },
          "wps": {
            "type": "integer"
          }
        }
      }
    }
  },
  "getWarpPing": {
    "method": "GET",
    "path": "/warp_ping.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "type",
          "source",
          "destination",
          "flags",
          "index",
          "ping_send_timestamp",
          "ping_recv_timestamp",
          "ping_recv_rssi",
          "ping_recv_lqi",
          "pong_recv_timestamp",
          "pong_recv_rssi",
          "pong_recv_lqi"
        ],
        "properties": {
          "type": {
            "type": "string"
          },
          "source": {
            "type": "integer"
          },
          "destination": {
            "type": "integer"
          },
          "flags": {
            "type": "integer"
          },
          "index": {
            "type": "integer"
          },
          "ping_send_timestamp": {
            "type": "integer"
          },
          "ping_recv_timestamp": {
            "type": "integer"
          },
          "ping_recv_rssi": {
            "type": "integer"
          },
          "ping_recv_lqi": {
            "type": "integer"
          },
          "pong_recv_timestamp": {
            "type": "integer"
          },
          "pong_recv_rssi": {
            "type": "integer"
          },
          "pong_recv_lqi": {
            "type": "integer"
          }
        }
      }
    }
  },
  "getOtaManifest": {
    "method": "GET",
    "path": "/ota_manifest.json",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "version",
        "timestamp",
        "updates"
      ],
      "properties": {
        "version": {
          "type": "string"
        },
        "timestamp": {
          "type": "integer"
        },
        "updates": {
          "type": "array",
          "items": {
            "type": "object"
          }
        }
      }
    }
  },
  "uploadFirmware": {
    "method": "POST",
    "path": "/update",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string",
          "enum": [
            "success"
          ]
        },
        "message": {
          "type": "string"
        },
        "filename": {
          "type": "string"
        },
        "size": {
          "type": "integer"
        }
      }
    }
  },
  "readSpiffsFile": {
    "method": "GET",
    "path": "/spiffs/{path}",
    "status": 200,
    "mediaType": "application/octet-stream",
    "schema": {
      "type": "string"
    }
  },
  "uploadSpiffsFile": {
    "method": "POST",
    "path": "/upload/spiffs/{path}",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string",
          "enum": [
            "success"
          ]
        },
        "message": {
          "type": "string"
        },
        "filename": {
          "type": "string"
        },
        "size": {
          "type": "integer"
        }
      }
    }
  },
  "deleteSpiffsFile": {
    "method": "POST",
    "path": "/delete/spiffs/{path}",
    "status": 200,
    "mediaType": "application/json",
    "schema": {
      "type": "object",
      "required": [
        "status"
      ],
      "properties": {
        "status": {
          "type": "string",
          "enum": [
            "success"
          ]
        },
        "message": {
          "type": "string"
        },
        "filename": {
          "type": "string"
        },
        "size": {
          "type": "integer"
        }
      }
    }
  },
  "captiveGenerate204": {
    "method": "GET",
    "path": "/generate_204",
    "status": 204,
    "mediaType": null,
    "schema": null
  },
  "captiveHotspotDetect": {
    "method": "GET",
    "path": "/hotspot-detect.html",
    "status": 204,
    "mediaType": null,
    "schema": null
  },
  "captiveConnectTest": {
    "method": "GET",
    "path": "/connecttest.txt",
    "status": 204,
    "mediaType": null,
    "schema": null
  },
  "captiveNcsi": {
    "method": "GET",
    "path": "/ncsi.txt",
    "status": 204,
    "mediaType": null,
    "schema": null
  },
  "captiveRedirect": {
    "method": "GET",
    "path": "/redirect",
    "status": 200,
    "mediaType": null,
    "schema": null
  }
} as const satisfies Record<string, WireOperation>;

export type WireOperationId = keyof typeof WIRE_OPERATIONS;
