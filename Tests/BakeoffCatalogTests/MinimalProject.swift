import BakeoffCatalog
import BakeoffModel
import Foundation
import TestSupport
import XCTest

/// A small valid project, written file by file so each test can break exactly one thing.
enum MinimalProject {
    static let files: [String: String] = [
        "bakeoff.yaml": """
            team: Test Team
            company: startup
            data_science_team: core
            product: A test product.
            members:
              - {id: ana, name: Ana}
              - {id: ben, name: Ben}
            checkins:
              poster: ana
              schedule:
                - {id: group-details, due: 2026-09-14}
                - {id: tracking, due: 2026-09-21}
            profile: startup
            stages:
              tracking:
                mlflow: [ana]
                aim: [ben]
            talk:
              limit: "5:00"
              words_per_minute: 150

            """,
        "criteria/criteria.yaml": """
            criteria:
              - id: cost
                title: Cost
                description: Money.
                indicators:
                  - id: tco
                    title: TCO
                    description: Total cost.
                    unit: USD
                    direction: lower
                    source: tco
                    normalize: min-max
              - id: performance
                title: Performance
                description: Speed.
                indicators:
                  - id: log-wall
                    title: Logging time
                    description: Wall time of log_runs.
                    unit: s
                    direction: lower
                    source: {step: log_runs, measure: wall}
                    normalize: ratio-to-best
                    stages: [tracking]
            cost_model:
              horizon_months: 36
              basis: Test assumptions.
              company:
                startup: {seats: 5, hourly_rate_usd: 50, server_monthly_usd: 40, ops_hours_per_month: 2}
                mid-size: {seats: 20, hourly_rate_usd: 80, server_monthly_usd: 200, ops_hours_per_month: 6}
                enterprise: {seats: 100, hourly_rate_usd: 100, server_monthly_usd: 900, ops_hours_per_month: 15}

            """,
        "criteria/profiles/startup.yaml": """
            title: Startup
            description: Small.
            weights:
              cost: {weight: 60, why: "Runway."}
              performance: {weight: 40, why: "Speed."}

            """,
        "stages/tracking/stage.yaml": """
            title: Tracking
            order: 1
            question: Which tracker?
            candidates:
              - id: mlflow
                name: MLflow
                homepage: https://mlflow.org
                facts:
                  license: {value: Apache-2.0, source: https://github.com/mlflow/mlflow/blob/master/LICENSE.txt, as_of: 2026-11-29}
                  hosting: {value: both, source: https://mlflow.org/docs/latest/, as_of: 2026-11-29}
              - id: aim
                name: Aim
                homepage: https://aimstack.io
                facts:
                  license: {value: Apache-2.0, source: https://github.com/aimhubio/aim/blob/main/LICENSE, as_of: 2026-11-29}

            """,
        "stages/tracking/scenario.yaml": """
            description: Log runs.
            parameters:
              runs: {value: "10", description: Runs to log}
            steps:
              - id: setup
                title: Set up
                timeout: 60
              - id: log_runs
                title: Log runs
                timeout: 120
                metrics: {runs_logged: count}

            """,
        "stages/tracking/adapters/mlflow/adapter.yaml": """
            install: {python: "3.11", requirements: requirements.in, lock: requirements.lock}
            env: {MLFLOW_DISABLE_TELEMETRY: "true"}
            steps:
              setup: {run: [python, "{adapter}/steps.py", setup]}
              log_runs: {run: [python, "{adapter}/steps.py", log_runs]}

            """,
        "stages/tracking/adapters/mlflow/requirements.in": "mlflow==3.17.2\n",
        "stages/tracking/adapters/mlflow/requirements.lock": "mlflow==3.17.2\n",
        "stages/tracking/adapters/mlflow/integrate.py": "def log_run(params, metrics, model_path):\n    raise NotImplementedError\n",
        "integrations/train-and-log/integration.yaml": """
            title: Training logs to the tracker
            between: [data, tracking]
            python: "3.11"
            requirements: requirements.in
            description: The data tool's table is trained on and the run logged.
            parameters:
              rows: {value: "100", description: Rows}
            steps:
              - id: hand_off
                title: Hand off
                timeout: 60
                metrics: {ok_s: s}

            """,
        "integrations/train-and-log/run.py": "import sys\n",
        "integrations/train-and-log/requirements.in": "scikit-learn\n",
        "stages/data/stage.yaml": """
            title: Data versioning
            order: 2
            question: Which data versioning tool?
            candidates:
              - id: dvc
                name: DVC
                homepage: https://dvc.org
                facts: {}

            """,
    ]

    /// Writes the project, with `edit` applied to the named file, and returns its folder.
    static func write(
        editing file: String? = nil, _ edit: (String) -> String = { $0 }, removing removed: [String] = []
    ) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-catalog")
        for (path, text) in files where !removed.contains(path) {
            try folder.write(path, path == file ? edit(text) : text)
        }
        return folder
    }

    static let today = Day("2026-11-29")!

    /// Loads the project with one edit and returns the diagnostics (empty when it loads cleanly).
    static func diagnostics(
        editing file: String? = nil, _ edit: (String) -> String = { $0 }, removing removed: [String] = []
    ) throws -> [Diagnostic] {
        let folder = try write(editing: file, edit, removing: removed)
        defer { folder.remove() }
        do {
            let result = try ProjectLoader.load(root: folder.path, today: today)
            return result.warnings
        } catch {
            return error.diagnostics
        }
    }

    /// Replaces exactly one occurrence of `old` (failing loudly when it is not there).
    static func replacing(_ old: String, with new: String) -> (String) -> String {
        return { text in
            precondition(text.contains(old), "fixture text does not contain \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }
}
