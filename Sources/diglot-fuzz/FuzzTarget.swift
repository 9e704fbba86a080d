// The libFuzzer target over Diglot's readers of content (see `FuzzEntry`). `make fuzz` builds it with
// `-sanitize=fuzzer,address -DFUZZING`: libFuzzer then provides `main` and calls
// `LLVMFuzzerTestOneInput` with each input. The kind of input is `DIGLOT_FUZZ_KIND` (page, yaml-page,
// toc, docfx, publish-config, redirection, invitations, qa-config); `DIGLOT_FUZZ_TEMPLATES` and
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

private func kind(_ name: String?) -> FuzzEntry.Kind {
    guard let name, let kind = FuzzEntry.Kind(rawValue: name) else {
        let names = FuzzEntry.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("diglot-fuzz: set DIGLOT_FUZZ_KIND to one of \(names)\n".utf8))
        exit(2)
    }
    return kind
}

private let fuzzKind = kind(ProcessInfo.processInfo.environment["DIGLOT_FUZZ_KIND"])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzEntry.run(fuzzKind, bytes, setup: setup)
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
        let chosen = kind(first)
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot be read"); exit(1) }
            let count = FuzzEntry.run(chosen, Array(data), setup: setup)
            print("\(path): \(data.count) bytes, \(count)")
        }
    }
}
#endif
