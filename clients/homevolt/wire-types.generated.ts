/* Generated from openapi/homevolt.yaml by clients/generate-wire-types.ts. Do not edit; run `npx tsx clients/generate-wire-types.ts`. */
export interface paths {
    "/status.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ems.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getEms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedule.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/params.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getParams"];
        put?: never;
        post: operations["setParam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["runConsole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pid.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getPid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ems_pid_history.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getEmsPidHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ems_history.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getEmsHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nodes.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getNodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node_metrics.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getNodeMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node_data.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getNodeData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ct.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getCt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ct_history.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getCtHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mains_data.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getMainsData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/efr_hub_status.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getEfrHubStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ecu_sense.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getEcuSense"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/error_report.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getErrorReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/error_history.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getErrorHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wifiscan.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getWifiScan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/warp_ping.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getWarpPing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ota_manifest.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getOtaManifest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["uploadFirmware"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spiffs/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["readSpiffsFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/upload/spiffs/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["uploadSpiffsFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/delete/spiffs/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["deleteSpiffsFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/generate_204": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["captiveGenerate204"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hotspot-detect.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["captiveHotspotDetect"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connecttest.txt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["captiveConnectTest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ncsi.txt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["captiveNcsi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/redirect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["captiveRedirect"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Euid: string;
        Hex12: string;
        Strings: string[];
        Success: {
            /** @enum {string} */
            status: "success";
            message?: string;
            filename?: string;
            size?: number;
        };
        ParamForm: {
            k: string;
            v: string;
            /** @enum {string} */
            store?: "0" | "1";
        };
        ConsoleForm: {
            cmd: string;
        };
        Status: {
            /** @description ms since boot */
            up_time: number;
            poll_time: number;
            firmware: {
                esp: string;
                efr: string;
            };
            wifi_status: {
                wifi_mode: string;
                ip: string;
                ssid: string;
                bssid: components["schemas"]["Hex12"];
                rssi: number;
                connected: boolean;
                wifi_err_buf: number[];
            };
            lte_status: {
                imei: string;
                imsi: string;
                iccid: string;
                /** @description keeps the modem's literal quotes */
                operator: string;
                operator_name: string;
                area_code: string;
                cell_id: string;
                band: string;
                acc_tech: string;
                sysmode: string;
                rssi_db: number;
                rssi: number;
                ber: number;
                chan: number;
                pdp_active: boolean;
                sim_type: string;
                f_pin_ok: boolean;
                f_present: boolean;
                scan_seq: string;
            };
            mqtt_status: {
                connected: boolean;
                subscribed: boolean;
                last_error: {
                    [key: string]: number;
                };
            };
            ota_update_running: boolean;
            w868_status: components["schemas"]["W868Status"];
            ems_status: {
                ems_info?: {
                    protocol_version: number;
                    fw_version: string;
                    rated_power: number;
                    rated_cap: number;
                    rated_pv_power: number;
                };
                inverter_info?: components["schemas"]["InvInfo"];
                bms_info: components["schemas"]["BmsInfo"][];
            };
        };
        W868Status: {
            product_id: number;
            efr_id: components["schemas"]["Euid"];
            network_state: number;
            node_type: number;
            node_id: number;
            pan_id: number;
            radio_channel: number;
            radio_power: number;
        };
        EfrHubStatus: components["schemas"]["W868StatusOpen"] & {
            version: string;
            bl_version: number;
            permit_pairing: boolean;
            permit_pairing_timeout: number;
            warp_mode: number;
            /** @description EFR tick counter, not epoch */
            timesync_ts_ticks: number;
            /** @description epoch ms */
            ts_offset: number;
            /** @description the device spells taget_id */
            ota: {
                [key: string]: number;
            };
        };
        W868StatusOpen: {
            efr_id: components["schemas"]["Euid"];
        };
        InvInfo: {
            fw_version: string;
            serial_number: string;
        };
        BmsInfo: {
            fw_version: string;
            serial_number: string;
            /** @description Wh */
            rated_cap: number;
            id: number;
            battery_type?: number;
            battery_type_str?: string;
        };
        EmsInfo: {
            protocol_version: number;
            fw_version: string;
            /** @description Wh */
            rated_capacity: number;
            /** @description W */
            rated_power: number;
            rated_pv_power?: number;
            model?: string;
        };
        EmsControl: {
            mode_sel: number;
            mode_sel_str: string;
            /** @description W, + = discharge */
            pwr_ref: number;
            freq_res_mode: number;
            freq_res_pwr_fcr_n: number;
            freq_res_pwr_fcr_d_up: number;
            freq_res_pwr_fcr_d_down: number;
            freq_res_pwr_ref_ffr: number;
            act_pwr_ch_lim: number;
            act_pwr_di_lim: number;
            react_pwr_pos_limit: number;
            react_pwr_neg_limit: number;
            freq_test_seq: number;
            data_usage: number;
            allow_dfu: boolean;
        };
        EmsData: {
            timestamp_ms: number;
            state: number;
            state_str: string;
            info: number;
            info_str: components["schemas"]["Strings"];
            warning: number;
            warning_str: components["schemas"]["Strings"];
            alarm: number;
            alarm_str: components["schemas"]["Strings"];
            phase_angle: number;
            /** @description mHz */
            frequency: number;
            phase_seq: number;
            /** @description W, + = discharge */
            power: number;
            apparent_power: number;
            reactive_power: number;
            /** @description Wh */
            energy_produced: number;
            /** @description Wh */
            energy_consumed: number;
            /** @description deci-°C */
            sys_temp: number;
            /** @description Wh */
            avail_cap: number;
            freq_res_state: number;
            /** @description centi-percent */
            soc_avg: number;
        };
        BmsData: {
            /** @description Wh */
            energy_avail: number;
            cycle_count: number;
            /** @description centi-percent */
            soc: number;
            state: number;
            state_str: string;
            alarm: number;
            alarm_str: components["schemas"]["Strings"];
            /** @description deci-°C */
            tmin: number;
            /** @description deci-°C */
            tmax: number;
        };
        EmsPrediction: {
            avail_ch_pwr: number;
            avail_di_pwr: number;
            avail_ch_energy: number;
            avail_di_energy: number;
            avail_inv_ch_pwr: number;
            avail_inv_di_pwr: number;
            avail_group_fuse_ch_pwr: number;
            avail_group_fuse_di_pwr: number;
        };
        EmsUnit: {
            ecu_id: components["schemas"]["Hex12"] | number;
            /** @description "" on the leader, "[IPv6]:5259" on a follower */
            ecu_host: string;
            ecu_version: string;
            error: number;
            error_str: string;
            op_state: number;
            op_state_str: string;
            ems_info: components["schemas"]["EmsInfo"];
            bms_info: components["schemas"]["BmsInfo"][];
            inv_info: components["schemas"]["InvInfo"];
            ems_config: {
                grid_code_preset: number;
                grid_code_preset_str: string;
                control_timeout: boolean;
            };
            inv_config: {
                /** @description 0.01 % of 50 Hz */
                ffr_fstart_freq: number;
            };
            ems_control: components["schemas"]["EmsControl"];
            ems_data: components["schemas"]["EmsData"];
            bms_data: components["schemas"]["BmsData"][];
            ems_prediction: components["schemas"]["EmsPrediction"];
            /** @description deci-V */
            ems_voltage: {
                l1: number;
                l2: number;
                l3: number;
                l1_l2: number;
                l2_l3: number;
                l3_l1: number;
            };
            ems_current: {
                l1: number;
                l2: number;
                l3: number;
            };
            /** @description kWh; imported = discharged from the battery, exported = charged */
            ems_aggregate: {
                imported_kwh: number;
                exported_kwh: number;
            };
            error_cnt: number;
            /** @description follower entries only */
            peer?: {
                last_seq: number;
                last_timestamp_ms: number;
                last_decrypt_age_ms: number;
                last_encrypt_age_ms: number;
            };
        };
        EmsAggregated: {
            error: number;
            error_str: string;
            op_state: number;
            op_state_str: string;
            ems_control: components["schemas"]["EmsControl"];
            ems_data: components["schemas"]["EmsData"];
            ems_prediction: components["schemas"]["EmsPrediction"];
        };
        SensorPhase: {
            /** @description V */
            voltage: number;
            /** @description A */
            amp: number;
            /** @description W */
            power: number;
            pf: number;
        };
        Sensor: {
            /** @enum {string} */
            function?: "battery" | "grid" | "solar" | "load" | "unspecified";
            /** @enum {string} */
            sensor_type?: "ems" | "pulse_ct" | "virtual";
            /** @enum {string} */
            type?: "grid" | "solar" | "load" | "unspecified";
            node_id?: number;
            euid: components["schemas"]["Euid"];
            interface: number;
            available: boolean;
            rssi: number;
            average_rssi: number;
            pdr: number;
            phase: components["schemas"]["SensorPhase"][];
            /** @description Hz */
            frequency: number;
            /** @description W into the house bus: grid + = import, solar + = production, battery + = discharge, load negative */
            total_power: number;
            /** @description kWh */
            energy_imported: number;
            /** @description kWh */
            energy_exported: number;
            timestamp: number;
            /** @description local time YYYY-MM-DD HH:MM:SS.mmm */
            timestamp_str: string;
        } & (unknown | unknown);
        Ems: {
            /** @enum {string} */
            $type: "ems_data";
            /** @description unix s */
            ts: number;
            ems: components["schemas"]["EmsUnit"][];
            aggregated: components["schemas"]["EmsAggregated"] | components["schemas"]["EmsUnit"];
            sensors: components["schemas"]["Sensor"][];
        };
        /** @description A bare sched_set entry has no id/from/to (HA core fixture); timed entries carry them in unix s */
        ScheduleEntry: {
            id?: number;
            from?: number;
            to?: number;
            type: number;
            min?: number;
            max?: number;
            params: {
                [key: string]: number | boolean;
            };
        };
        Schedule: {
            /** @description mirrors settings_local */
            local_mode: boolean;
            /** @description a partner UUID, "Manual Schedule" after sched_set, "" after sched_clear */
            schedule_id: string;
            schedule: components["schemas"]["ScheduleEntry"][];
        };
        Param: {
            param_id: number;
            /** @description group name with literal quotes */
            desc: string;
            name: string;
            size: number;
            /** @description bool is captured; i32, float, string are x-evidence doc-only */
            type: string;
            value: (boolean | number)[] | string;
            default: (boolean | number)[] | string;
            help: string;
            level: number;
        };
        Pid: {
            kp: number;
            ki: number;
            kd: number;
            setpoint: number;
            integral: number;
            filtered_input: number;
            prev_error: number;
            anti_windup: number;
            cutoff_hz: number;
            prev_output: number;
            prev_input: number;
            prev_min: number;
            prev_max: number;
            prev_delta_t: number;
            prev_timestamp_ms: number;
        };
        Node: {
            node_id: number;
            product_id: number;
            product_model: string;
            eui: components["schemas"]["Euid"];
            version: string;
            warp_version: number;
            average_rssi: number;
            rssi: number;
            average_lqi: number;
            lqi: number;
            pdr: number;
            last_seen_ms: number;
            last_data_ms: number;
            available: boolean;
            ota_upload_state: string;
            ota_distribute_status: string;
            paired: boolean;
            advertise_sent: boolean;
            model: string;
            ota_tag: number;
            manifest_version: string;
        };
        NodeMetrics: {
            node: {
                [key: string]: number | boolean;
            };
            hub: {
                [key: string]: number;
            };
            packet_delivery_rate: number;
        };
        Ct: {
            bs: number;
            cs: number;
            beb: number;
            ct: {
                ts: number;
                amps: number;
                volts: number;
                deg: number;
                ceb: number;
                csb: number;
                pf: number;
                va: number;
                pwr: number;
                /** @enum {integer} */
                line: 0 | 120 | 240;
                imp: number;
                exp: number;
            }[];
            tpw: number;
            imp: number;
            exp: number;
        };
        MainsData: {
            /** @description EFR ticks */
            timestamp: number;
            peak_index: number;
            signal_voltage: number;
            mains_voltage: number;
            mains_voltage_rms: number;
            average_voltage: number;
            frequency: number;
            avg_max: number;
            avg_min: number;
            noise: number;
            mains_adc_buffer: number[];
        };
        ErrorReportItem: {
            sub_system_id: number;
            sub_system_name: string;
            error_id: number;
            error_name: string;
            /** @enum {string} */
            activated: "ok" | "warning" | "error" | "unknown";
            message: string;
            details: components["schemas"]["Strings"];
        };
    };
    responses: {
        /** @description Invalid input: ESP-IDF's "Bad request syntax" for a request its parser refuses (a method it does not know such as QUERY, a broken head, a body it cannot read) or the handler's own text (missing k/v, an unknown parameter, a value out of the parameter's range, a bad query argument), quoting at most 32 characters of the rejected value (docs/http-errors.md). esp_http_server text, no capture. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
            };
        };
        /** @description Missing or wrong credentials; WWW-Authenticate Basic. Sent after routing, before the body is read. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "text/html": "No permission -- see authorization schemes";
            };
        };
        /** @description Locked out after 5 failed logins (1 s doubling to 10 s); steynovich observed 429 */
        LockedOut: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": "Too many failed login attempts, try again later";
            };
        };
        /** @description Booting or installing firmware; retry after Retry-After seconds */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": "System is starting up or updating, try again after 30 seconds";
            };
        };
        /** @description Unknown path (also //ems.json and /errors.json) or object */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
            };
        };
        /** @description Any method the device does not register on this URI (ESP-IDF's 405, before authentication; connection closed) */
        MethodNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": "Specified method is invalid for this resource";
            };
        };
        /** @description The request's head or body stopped arriving for ESP-IDF's receive timeout (5 s); connection closed (docs/http-errors.md) */
        RequestTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": "Server closed this connection";
            };
        };
        /** @description Header fields beyond the server's buffer; connection closed */
        HeaderFieldsTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": "Header fields are too long";
            };
        };
        /** @description ESP-IDF refuses an HTTP version other than 1.x (HTTP/0.9, HTTP/2.0); status line "505 Version Not Supported", connection closed */
        VersionNotSupported: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": "HTTP version not supported by server";
            };
        };
    };
    parameters: {
        NodeId: number;
        SpiffsPath: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description System status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Status"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getEms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description EMS telemetry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ems"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Current schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getParams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Parameters */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Param"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    setParam: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["ParamForm"];
                "multipart/form-data": components["schemas"]["ParamForm"];
            };
        };
        responses: {
            /** @description Saved parameter k: '<k>' v: '<v>' */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    runConsole: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["ConsoleForm"];
                "multipart/form-data": components["schemas"]["ConsoleForm"];
            };
        };
        responses: {
            /** @description Echo line, output, then "Command '<cmd>' executed successfully" or "… returned non-zero error code"; failures are 200 too */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getPid: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The three PID loops */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ems_pid: components["schemas"]["Pid"];
                        lb_charge: components["schemas"]["Pid"];
                        lb_discharge: components["schemas"]["Pid"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getEmsPidHistory: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PID history (empty unless pid_history_select ≠ 0) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: number;
                        id: number;
                        name: string;
                        constants: {
                            kp: number;
                            ki: number;
                            kd: number;
                            setpoint: number;
                            anti_windup: number;
                            cutoff_hz: number;
                        };
                        data: Record<string, never>;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getEmsHistory: {
        parameters: {
            query?: {
                limit?: number;
                from?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Minute snapshots (no capture exists; the emulator's own shape) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        timestamp_ms: number;
                        power: number;
                        grid_power: number;
                        solar_power: number;
                        soc_avg: number;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getNodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CT clamp nodes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Node"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getNodeMetrics: {
        parameters: {
            query: {
                node_id: components["parameters"]["NodeId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Radio metrics of a node */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeMetrics"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getNodeData: {
        parameters: {
            query: {
                node_id: components["parameters"]["NodeId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Raw node payload */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getCt: {
        parameters: {
            query: {
                node_id: components["parameters"]["NodeId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Clamp readings of a node */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ct"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getCtHistory: {
        parameters: {
            query: {
                node_id: components["parameters"]["NodeId"];
                limit?: number;
                from?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Clamp totals per minute (no capture exists) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ts: number;
                        tpw: number;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getMainsData: {
        parameters: {
            query?: {
                timestamp?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hub's mains measurement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MainsData"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getEfrHubStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 868 MHz hub status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EfrHubStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getEcuSense: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CT function assignments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        node_euid: components["schemas"]["Euid"];
                        interface: number;
                        interface_names: ("L1" | "L2" | "L3")[];
                        function: number;
                        /** @enum {string} */
                        function_name: "unspecified" | "grid" | "solar";
                        label: string;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getErrorReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Health checks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReportItem"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getErrorHistory: {
        parameters: {
            query?: {
                limit?: number;
                severity?: "DEBUG" | "INFO" | "WARNING" | "ERROR";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Notable events (no capture exists) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        timestamp: number;
                        severity: string;
                        sub_system_name: string;
                        message: string;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getLogs: {
        parameters: {
            query?: {
                limit?: number;
                level?: "DEBUG" | "INFO" | "WARNING" | "ERROR";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Log ring buffer, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        timestamp: number;
                        core: number;
                        /** @enum {string} */
                        level: "debug" | "info" | "warning" | "error";
                        data: string;
                        tag: string;
                        task: string;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getWifiScan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Wi-Fi scan (the key pchiper is spelled so by the device) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ssid: string;
                        bssid: string;
                        ch: number;
                        open: boolean;
                        bw: string;
                        rssi: number;
                        auth: string;
                        gcipher: string;
                        pchiper: string;
                        "11b": number;
                        "11g": number;
                        "11n": number;
                        wps: number;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getWarpPing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Radio pings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        source: number;
                        destination: number;
                        flags: number;
                        index: number;
                        ping_send_timestamp: number;
                        ping_recv_timestamp: number;
                        ping_recv_rssi: number;
                        ping_recv_lqi: number;
                        pong_recv_timestamp: number;
                        pong_recv_rssi: number;
                        pong_recv_lqi: number;
                    }[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    getOtaManifest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OTA manifest (steynovich reads `version`; the Tibber doc shows timestamp and updates[]) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        timestamp: number;
                        updates: Record<string, never>[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    uploadFirmware: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Accepted; the device is then 503 while installing and rebooting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    readSpiffsFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: components["parameters"]["SpiffsPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description File bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    uploadSpiffsFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: components["parameters"]["SpiffsPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
            /** @description Storage full */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    deleteSpiffsFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: components["parameters"]["SpiffsPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            429: components["responses"]["LockedOut"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            503: components["responses"]["Unavailable"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    captiveGenerate204: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Captive-portal probe */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    captiveHotspotDetect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Captive-portal probe */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    captiveConnectTest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Captive-portal probe */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    captiveNcsi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Captive-portal probe */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
    captiveRedirect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the web app */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            405: components["responses"]["MethodNotAllowed"];
            408: components["responses"]["RequestTimeout"];
            431: components["responses"]["HeaderFieldsTooLarge"];
            505: components["responses"]["VersionNotSupported"];
        };
    };
}
