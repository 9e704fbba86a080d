// The libFuzzer target over Diglot's readers of content (see `FuzzEntry`). `make fuzz` builds it with
// `-sanitize=fuzzer,address -DFUZZING`: libFuzzer then provides `main` and calls
// `LLVMFuzzerTestOneInput` with each input. The kind of input is `DIGLOT_FUZZ_KIND` (page, yaml-page,
// toc, docfx, publish-config, redirection, invitations, qa-config, template); `DIGLOT_FUZZ_TEMPLATES` and
// `DIGLOT_FUZZ_SAMPLE` name the templates folder and the invitation page (default: the project's).
//
// Built without FUZZING (a plain `swift build`), it replays inputs instead, with no sanitizer:
// `diglot-fuzz KIND FILE…` runs each file through the kind's code, as a crash's reproducer.
import Diglot
import Foundation

private let setup: FuzzEntry.Setup = {
    let environment = ProcessInfo.processInfo.environment
    let templates = URL(fileURLWithPath: environment["DIGLOT_FUZZ_TEMPLATES"] ?? "Templates")
    let sample = URL(fileURLWithPath: environment["DIGLOT_FUZZ_SAMPLE"] ?? "Content/request-a-relationship-with-a-customer.md")
    do {
        return try FuzzEntry.Setup(templates: templates, samplePage: sample)
    } catch {
        FileHandle.standardError.write(Data("diglot-fuzz: cannot load the templates in \(templates.path): \(error)\n".utf8))
        exit(2)
    }
}()

/// Groups of kinds for long runs (`make fuzz-long`): the first byte of an input picks the kind
/// (byte modulo the group's size), the rest is the input, so one process fuzzes several readers and
/// coverage guides it to each. An hour for each of eight kinds is more than a 2-core machine holds in a
/// working session; an hour for each of two groups, run side by side, is not.
private let groups: [String: [FuzzEntry.Kind]] = [
    "markdown": [.page, .yamlPage],
    "config": [.toc, .docfx, .publishConfig, .redirection, .invitations, .qaConfig],
]

/// The kinds an input may go to: one, or a group's.
private func kinds(_ name: String?) -> [FuzzEntry.Kind] {
    if let name, let kind = FuzzEntry.Kind(rawValue: name) { return [kind] }
    if let name, let group = groups[name] { return group }
    let names = (FuzzEntry.Kind.allCases.map(\.rawValue) + groups.keys.sorted()).joined(separator: ", ")
    FileHandle.standardError.write(Data("diglot-fuzz: set DIGLOT_FUZZ_KIND to one of \(names)\n".utf8))
    exit(2)
}

private let fuzzKinds = kinds(ProcessInfo.processInfo.environment["DIGLOT_FUZZ_KIND"])

/// Runs `bytes` through the kind it is for: with a group, the first byte picks the kind.
@discardableResult
private func run(_ kinds: [FuzzEntry.Kind], _ bytes: [UInt8]) -> Int {
    guard kinds.count > 1 else { return FuzzEntry.run(kinds[0], bytes, setup: setup) }
    guard let selector = bytes.first else { return 0 }
    return FuzzEntry.run(kinds[Int(selector) % kinds.count], Array(bytes.dropFirst()), setup: setup)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    run(fuzzKinds, bytes)
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let first = arguments.first else {
            print("usage: diglot-fuzz KIND FILE… (make fuzz builds the libFuzzer target)")
            exit(64)
        }
        let chosen = kinds(first)
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot be read"); exit(1) }
            let count = run(chosen, Array(data))
            print("\(path): \(data.count) bytes, \(count)")
        }
    }
}
#endif
