import Foundation
import XCTest
import Yams

/// `docs/ci/github-actions.yml`, the ready workflow: valid YAML that installs the Debian packages,
/// checks with GitHub annotations and SARIF, builds the site and uploads it.
final class WorkflowTests: XCTestCase {
    func testTheGitHubWorkflowChecksBuildsAndUploads() throws {
        let text = try String(contentsOf: Paths.package.appendingPathComponent("docs/ci/github-actions.yml"), encoding: .utf8)
        let workflow = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        let jobs = try XCTUnwrap(workflow["jobs"] as? [String: Any])
        let site = try XCTUnwrap(jobs["site"] as? [String: Any])
        let steps = try XCTUnwrap(site["steps"] as? [[String: Any]])
        let runs = steps.compactMap { $0["run"] as? String }.joined(separator: "\n")
        let uses = steps.compactMap { $0["uses"] as? String }
        XCTAssertTrue(runs.contains("apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev"))
        XCTAssertTrue(runs.contains("diglot check --content \"$CONTENT\" --format github"))
        XCTAssertTrue(runs.contains("--format sarif > diglot.sarif"))
        XCTAssertTrue(runs.contains("diglot build --content \"$CONTENT\" --output site"))
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/upload-artifact@") })
        XCTAssertTrue(uses.contains { $0.hasPrefix("github/codeql-action/upload-sarif@") })
        XCTAssertEqual((workflow["env"] as? [String: Any])?["CI"] as? String, "true")
    }

    /// Runs a job's shell script with a stub `diglot` that prints its arguments, one per line.
    private func run(_ script: String, environment: [String: String]) throws -> [String] {
        let bin = try temporaryFolder(self, "stub")
        let stub = bin.appendingPathComponent("diglot")
        try "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n".write(to: stub, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = environment.merging(["PATH": bin.path + ":/usr/bin:/bin"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// `docs/ci/github-actions-matrix.yml` (issue 13): a matrix job per locale builds and uploads its
    /// part (hidden files included: the part's manifests), and one merge job joins them in LOCALES's order.
    func testTheMatrixWorkflowBuildsAPartPerLocaleAndMergesThem() throws {
        let text = try String(contentsOf: Paths.package.appendingPathComponent("docs/ci/github-actions-matrix.yml"), encoding: .utf8)
        let workflow = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        let env = try XCTUnwrap(workflow["env"] as? [String: Any])
        let locales = try XCTUnwrap(env["LOCALES"] as? String).split(separator: " ").map(String.init)
        let jobs = try XCTUnwrap(workflow["jobs"] as? [String: Any])
        let part = try XCTUnwrap(jobs["part"] as? [String: Any])
        let matrix = try XCTUnwrap((part["strategy"] as? [String: Any])?["matrix"] as? [String: Any])
        let include = try XCTUnwrap(matrix["include"] as? [[String: Any]])
        XCTAssertEqual(include.compactMap { $0["locale"] as? String }, locales)
        XCTAssertEqual(include.compactMap { $0["repository"] as? String }.count, locales.count)
        let partSteps = try XCTUnwrap(part["steps"] as? [[String: Any]])
        let build = try XCTUnwrap(partSteps.compactMap { $0["run"] as? String }.first { $0.contains("--shard-output") })
        XCTAssertEqual(build, "diglot build --content \"${{ matrix.locale }}=content\" --shard-output part --base-url \"$BASE_URL\"")
        let upload = try XCTUnwrap(partSteps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-artifact@") == true }?["with"] as? [String: Any])
        XCTAssertEqual(upload["include-hidden-files"] as? Bool, true)
        XCTAssertEqual(upload["name"] as? String, "part-${{ matrix.locale }}")
        XCTAssertEqual(upload["path"] as? String, "part/")
        let merge = try XCTUnwrap(jobs["merge"] as? [String: Any])
        XCTAssertEqual(merge["needs"] as? String, "part")
        let mergeSteps = try XCTUnwrap(merge["steps"] as? [[String: Any]])
        let download = try XCTUnwrap(mergeSteps.first { ($0["uses"] as? String)?.hasPrefix("actions/download-artifact@") == true }?["with"] as? [String: Any])
        XCTAssertEqual(download["pattern"] as? String, "part-*")
        XCTAssertEqual(download["path"] as? String, "parts")
        let script = try XCTUnwrap(mergeSteps.compactMap { $0["run"] as? String }.first { $0.contains("diglot merge") })
        XCTAssertEqual(try run(script, environment: ["LOCALES": locales.joined(separator: " ")]),
                       ["merge"] + locales.map { "parts/part-" + $0 } + ["--output", "site"])
        XCTAssertTrue(mergeSteps.contains { ($0["uses"] as? String)?.hasPrefix("actions/upload-artifact@") == true })
    }

    /// `docs/k8s/indexed-job.yaml` (issue 13): an Indexed Job whose index picks the locale it builds,
    /// one completion per locale, then a merge Job over the same locales in the same order.
    func testTheKubernetesJobsBuildAPartPerIndexAndMergeThem() throws {
        let text = try String(contentsOf: Paths.package.appendingPathComponent("docs/k8s/indexed-job.yaml"), encoding: .utf8)
        let documents = try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
        XCTAssertEqual(documents.count, 2)
        func container(_ job: [String: Any]) throws -> [String: Any] {
            let spec = try XCTUnwrap(((job["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
            XCTAssertEqual(spec["restartPolicy"] as? String, "Never")
            return try XCTUnwrap((spec["containers"] as? [[String: Any]])?.first)
        }
        func environment(_ container: [String: Any]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (container["env"] as? [[String: Any]] ?? []).compactMap { item in
                (item["name"] as? String).flatMap { name in (item["value"] as? String).map { (name, $0) } }
            })
        }
        let parts = documents[0]
        XCTAssertEqual(parts["kind"] as? String, "Job")
        let spec = try XCTUnwrap(parts["spec"] as? [String: Any])
        XCTAssertEqual(spec["completionMode"] as? String, "Indexed")
        let partContainer = try container(parts)
        let partEnvironment = environment(partContainer)
        let locales = try XCTUnwrap(partEnvironment["LOCALES"]).split(separator: " ").map(String.init)
        XCTAssertEqual(spec["completions"] as? Int, locales.count)
        XCTAssertEqual(spec["parallelism"] as? Int, locales.count)
        let partScript = try XCTUnwrap((partContainer["args"] as? [String])?.first)
        for (index, locale) in locales.enumerated() {
            XCTAssertEqual(try run(partScript, environment: partEnvironment.merging(["JOB_COMPLETION_INDEX": String(index)]) { $1 }),
                           ["build", "--content", "\(locale)=/docs/\(locale.lowercased())", "--shard-output", "/work/parts/\(locale)",
                            "--base-url", try XCTUnwrap(partEnvironment["BASE_URL"])])
        }
        let merge = documents[1]
        let mergeContainer = try container(merge)
        XCTAssertEqual(environment(mergeContainer)["LOCALES"], partEnvironment["LOCALES"])
        let mergeScript = try XCTUnwrap((mergeContainer["args"] as? [String])?.first)
        XCTAssertEqual(try run(mergeScript, environment: environment(mergeContainer)),
                       ["merge"] + locales.map { "/work/parts/" + $0 } + ["--output", "/work/site"])
        XCTAssertEqual(partContainer["image"] as? String, mergeContainer["image"] as? String)
    }
}
