// Real uv 0.13.9 stderr, captured on 2026-11-29: each fixture's requirements, each under a
// `# --- TOOL: TOOL/requirements.in` line, piped to `uv pip compile - --python-version 3.11 --no-header
// --no-annotate --color never` with NO_COLOR=1 and COLUMNS=10000 (40 for `wrapped`). Kept verbatim.

struct UVFixture {
    var name: String
    var about: String
    /// (tool, requirements.in text), in the order fed to uv.
    var tools: [(tool: String, text: String)]
    var stderr: String
}

enum UVFixtures {
    /// two tools pin different versions of the same package
    static let directPins = UVFixture(
        name: "directPins", about: "two tools pin different versions of the same package",
        tools: [("old-six", "six==1.16.0\n"), ("new-six", "six==1.17.0\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because you require six==1.16.0 and six==1.17.0, we can conclude that your requirements are unsatisfiable.
"""#)

    /// airflow reaches fastapi through apache-airflow-core; prefect needs a newer fastapi
    static let twoPackageChain = UVFixture(
        name: "twoPackageChain", about: "airflow reaches fastapi through apache-airflow-core; prefect needs a newer fastapi",
        tools: [("airflow", "apache-airflow==3.3.2\n"), ("prefect", "prefect==3.9.1\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because apache-airflow-core==3.3.2 depends on fastapi[standard-no-fastapi-cloud-cli]>=0.129.0,<0.137.0 and prefect>=3.9.1 depends on fastapi>=0.139.0,<0.151, we can conclude that apache-airflow-core==3.3.2 and prefect>=3.9.1 are incompatible.
         And because apache-airflow==3.3.2 depends on apache-airflow-core==3.3.2, we can conclude that apache-airflow==3.3.2 and prefect>=3.9.1 are incompatible.
         And because you require apache-airflow==3.3.2 and prefect==3.9.1, we can conclude that your requirements are unsatisfiable.
"""#)

    /// gradio reaches websockets through gradio-client; prefect needs a newer websockets
    static let chainThroughClient = UVFixture(
        name: "chainThroughClient", about: "gradio reaches websockets through gradio-client; prefect needs a newer websockets",
        tools: [("gradio", "gradio==5.0.0\n"), ("prefect", "prefect==3.9.1\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because gradio-client==1.4.0 depends on websockets>=10.0,<13.0 and prefect>=3.9.1 depends on websockets>=15.0.1,<17.0, we can conclude that gradio-client==1.4.0 and prefect>=3.9.1 are incompatible.
         And because gradio==5.0.0 depends on gradio-client==1.4.0, we can conclude that gradio==5.0.0 and prefect>=3.9.1 are incompatible.
         And because you require gradio==5.0.0 and prefect==3.9.1, we can conclude that your requirements are unsatisfiable.
"""#)

    /// mlflow depends on sqlalchemy>=1.4; another tool pins sqlalchemy 1.3
    static let dependencyAgainstPin = UVFixture(
        name: "dependencyAgainstPin", about: "mlflow depends on sqlalchemy>=1.4; another tool pins sqlalchemy 1.3",
        tools: [("mlflow", "mlflow==3.17.2\n"), ("legacy-db", "sqlalchemy==1.3.0\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because mlflow==3.17.2 depends on sqlalchemy>=1.4.0,<3 and you require mlflow==3.17.2, we can conclude that you require sqlalchemy>=1.4.0,<3.
         And because you require sqlalchemy==1.3.0, we can conclude that your requirements are unsatisfiable.
"""#)

    /// dvc reaches pygit2 through scmrepo, stated as two premises and a conclusion
    static let derivedDependency = UVFixture(
        name: "derivedDependency", about: "dvc reaches pygit2 through scmrepo, stated as two premises and a conclusion",
        tools: [("dvc", "dvc==3.67.1\n"), ("old-git", "pygit2==1.10.0\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because scmrepo>=3.5.2 depends on pygit2>=1.14.0 and dvc>=3.67.1 depends on scmrepo>=3.5.2, we can conclude that dvc>=3.67.1 depends on pygit2>=1.14.0.
         And because you require dvc==3.67.1 and pygit2==1.10.0, we can conclude that your requirements are unsatisfiable.
"""#)

    /// a version that does not exist on the index
    static let onlyOlderAvailable = UVFixture(
        name: "onlyOlderAvailable", about: "a version that does not exist on the index",
        tools: [("future", "numpy>=99\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because only numpy<=2.5.5 is available and you require numpy>=99, we can conclude that your requirements are unsatisfiable.
"""#)

    /// a package the index does not have
    static let notFound = UVFixture(
        name: "notFound", about: "a package the index does not have",
        tools: [("ghost", "nosuchpkg-xyz-bakeoff==1.0\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because nosuchpkg-xyz-bakeoff was not found in the package registry and you require nosuchpkg-xyz-bakeoff==1.0, we can conclude that your requirements are unsatisfiable.
"""#)

    /// a pin that needs a newer Python than the check's, with uv's hint after the explanation
    static let pythonTooOld = UVFixture(
        name: "pythonTooOld", about: "a pin that needs a newer Python than the check's, with uv's hint after the explanation",
        tools: [("web", "django==6.0\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because the requested Python version (>=3.11) does not satisfy Python>=3.12 and django==6.0 depends on Python>=3.12, we can conclude that django==6.0 cannot be used.
         And because you require django==6.0, we can conclude that your requirements are unsatisfiable.

hint: The `--python-version` value (>=3.11) includes Python versions that are not supported by your dependencies (e.g., django==6.0 only supports >=3.12). Consider using a higher `--python-version` value.
"""#)

    /// uv prints ~=1.16.0 as >=1.16.0,<1.17.dev0
    static let rewrittenSpecifier = UVFixture(
        name: "rewrittenSpecifier", about: "uv prints ~=1.16.0 as >=1.16.0,<1.17.dev0",
        tools: [("compat", "six~=1.16.0\n"), ("new-six", "six >= 1.17\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because you require six>=1.16.0,<1.17.dev0 and six>=1.17, we can conclude that your requirements are unsatisfiable.
"""#)

    /// a long derivation with 'one of:' lists, 'all of:' and blank lines
    static let oneOfLists = UVFixture(
        name: "oneOfLists", about: "a long derivation with 'one of:' lists, 'all of:' and blank lines",
        tools: [("api", "pydantic>=2,<2.5\n"), ("core", "pydantic-core==2.33.0\n")],
        stderr: #"""
error: No solution found when resolving dependencies
  cause: Because pydantic==2.0 depends on pydantic-core==2.0.1 and pydantic==2.0.1 depends on pydantic-core==2.0.2, we can conclude that pydantic>=2.0,<=2.0.1 depends on pydantic-core>=2.0.1,<=2.0.2.
         And because pydantic==2.0.2 depends on pydantic-core==2.1.2 and pydantic==2.0.3 depends on pydantic-core==2.3.0, we can conclude that pydantic>=2.0,<=2.0.3 depends on one of:
             pydantic-core>=2.0.1,<=2.1.2
             pydantic-core==2.3.0

         And because pydantic>=2.1.0,<=2.1.1 depends on pydantic-core==2.4.0 and pydantic==2.2.0 depends on pydantic-core==2.6.0, we can conclude that pydantic>=2.0,<=2.2.0 depends on one of:
             pydantic-core>=2.0.1,<=2.1.2
             pydantic-core==2.3.0
             pydantic-core==2.4.0
             pydantic-core==2.6.0

         And because pydantic==2.4.0 depends on pydantic-core==2.10.0 and pydantic==2.3.0 depends on pydantic-core==2.6.3, we can conclude that all of:
             pydantic>=2.0,<=2.2.0
             pydantic>=2.3.0,<=2.4.0
         depend on one of:
             pydantic-core>=2.0.1,<=2.1.2
             pydantic-core==2.3.0
             pydantic-core==2.4.0
             pydantic-core==2.6.0
             pydantic-core==2.6.3
             pydantic-core==2.10.0

         And because pydantic==2.2.1 depends on pydantic-core==2.6.1 and pydantic>=2.4.1,<=2.4.2 depends on pydantic-core==2.10.1, we can conclude that pydantic>=2.0,<=2.4.2 depends on one of:
             pydantic-core>=2.0.1,<=2.1.2
             pydantic-core==2.3.0
             pydantic-core==2.4.0
             pydantic-core>=2.6.0,<=2.6.1
             pydantic-core==2.6.3
             pydantic-core>=2.10.0,<=2.10.1

         And because you require pydantic>=2,<2.5 and pydantic-core==2.33.0, we can conclude that your requirements are unsatisfiable.
"""#)

    /// the chainThroughClient conflict printed at COLUMNS=40
    static let wrapped = UVFixture(
        name: "wrapped", about: "the chainThroughClient conflict printed at COLUMNS=40",
        tools: [("gradio", "gradio==5.0.0\n"), ("prefect", "prefect==3.9.1\n")],
        stderr: #"""
error: No solution found when resolving
       dependencies
  cause: Because gradio-client==1.4.0
         depends on
         websockets>=10.0,<13.0 and
         prefect>=3.9.1 depends on
         websockets>=15.0.1,<17.0,
         we can conclude that
         gradio-client==1.4.0
         and prefect>=3.9.1 are
         incompatible.
         And because
         gradio==5.0.0 depends on
         gradio-client==1.4.0, we can
         conclude that gradio==5.0.0
         and prefect>=3.9.1 are
         incompatible.
         And because you require
         gradio==5.0.0 and
         prefect==3.9.1, we can conclude
         that your requirements are
         unsatisfiable.
"""#)

    static let all = [directPins, twoPackageChain, chainThroughClient, dependencyAgainstPin, derivedDependency, onlyOlderAvailable, notFound, pythonTooOld, rewrittenSpecifier, oneOfLists, wrapped]
}
