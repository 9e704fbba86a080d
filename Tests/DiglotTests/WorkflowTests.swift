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
}
