import BakeoffModel
import Foundation

/// The explicit environments the runner gives processes; nothing else is inherited.
public enum StepEnvironment {
    /// The PATH every step starts from, after the tool's own `bin`.
    public static let basePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Telemetry and phone-home switches of the assessed tools (ADAPTERS.md), on for every step.
    public static let telemetryOff: [String: String] = [
        "DO_NOT_TRACK": "1",
        "MLFLOW_DISABLE_TELEMETRY": "true",
        "WANDB_MODE": "offline",
        "WANDB_SILENT": "true",
        "DVC_NO_ANALYTICS": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "WHYLOGS_NO_ANALYTICS": "True",
        "NML_DISABLE_USAGE_LOGGING": "1",
        "EVIDENTLY_DISABLE_TELEMETRY": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "AIM_UI_TELEMETRY_ENABLED": "0",
        "SCARF_ANALYTICS": "false",
    ]

    /// The environment of one step: base values, the venv first on PATH, the work dir's home and temp,
    /// the scenario parameters, the port of a server step, telemetry off, then the adapter's `env:`; last on
    /// PYTHONPATH, after the adapter's own entries, `stepModuleFolder` (where `bakeoff_step.py` was written).
    public static func forStep(
        venv: String?, work: String, adapterFolder: String, parameters: [ScenarioParameter], port: UInt16?,
        adapterEnvironment: [String: String], stepModuleFolder: String?
    ) -> [String: String] {
        var env: [String: String] = [
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "PATH": (venv.map { "\($0)/bin:" } ?? "") + basePath,
            "HOME": "\(work)/home",
            "TMPDIR": "\(work)/tmp",
            "USER": "bakeoff",
            "USERNAME": "bakeoff",
            "LOGNAME": "bakeoff",
            "BAKEOFF_WORK": work,
            "BAKEOFF_ADAPTER": adapterFolder,
            "PYTHONUNBUFFERED": "1",
        ]
        if let venv { env["VIRTUAL_ENV"] = venv }
        for p in parameters { env["BAKEOFF_PARAM_\(p.name.uppercased().replacingOccurrences(of: "-", with: "_"))"] = p.value }
        if let port { env["BAKEOFF_PORT"] = String(port) }
        env.merge(telemetryOff) { _, new in new }
        for (key, value) in adapterEnvironment {
            env[key] = substitute(value, work: work, adapter: adapterFolder, port: port, parameters: parameters)
        }
        if let stepModuleFolder {
            let own = env["PYTHONPATH"] ?? ""
            env["PYTHONPATH"] = own.isEmpty ? stepModuleFolder : "\(own):\(stepModuleFolder)"
        }
        return env
    }

    /// The environment for installs (uv, pip): the caller's PATH, HOME, proxies, CA bundle and uv/pip
    /// settings, and nothing that changes what gets installed or measured.
    public static func forInstall(from caller: [String: String]) -> [String: String] {
        var env: [String: String] = ["LANG": "C.UTF-8", "TZ": "UTC", "UV_LINK_MODE": "copy"]
        let keep: Set<String> = [
            "PATH", "HOME", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "PIP_CERT", "PIP_INDEX_URL",
            "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
            "XDG_DATA_HOME", "PYENV_ROOT", "PYENV_VERSION",
        ]
        for (key, value) in caller {
            let lower = key.lowercased()
            if keep.contains(key) || (key.hasPrefix("UV_") && key != "UV_LINK_MODE") || lower.hasSuffix("_proxy") {
                env[key] = value
            }
        }
        if env["SSL_CERT_FILE"] == nil { env["UV_NATIVE_TLS"] = "1" }
        env["PATH"] = env["PATH"] ?? basePath
        return env
    }

    /// `{work}`, `{home}`, `{adapter}`, `{port}` and `{param.NAME}` replaced.
    public static func substitute(
        _ text: String, work: String, adapter: String, port: UInt16?, parameters: [ScenarioParameter]
    ) -> String {
        guard text.contains("{") else { return text }
        var result = text.replacingOccurrences(of: "{work}", with: work)
            .replacingOccurrences(of: "{home}", with: "\(work)/home")
            .replacingOccurrences(of: "{adapter}", with: adapter)
        if let port { result = result.replacingOccurrences(of: "{port}", with: String(port)) }
        for p in parameters { result = result.replacingOccurrences(of: "{param.\(p.name)}", with: p.value) }
        return result
    }
}
