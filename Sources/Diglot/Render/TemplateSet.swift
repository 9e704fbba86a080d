import Foundation
import Mustache
import Yams

/// The templates, interface strings and static assets a build renders with. Loaded from a folder at the
/// edge (`load(from:)`), or made from in-memory strings for tests.
public struct TemplateSet: Sendable {
    /// Templates every build needs.
    public static let requiredTemplates = ["page", "index"]

    let library: MustacheLibrary
    /// Interface strings by locale (see `Templates/strings.yml`).
    let strings: [String: [String: String]]
    /// Files copied as they are to `assets/` in the output.
    public let assets: [(path: String, bytes: [UInt8])]

    public init(templates: [String: String], strings yaml: String, assets: [(path: String, bytes: [UInt8])] = []) throws {
        _ = Self.fastEscaping
        var library = MustacheLibrary()
        for name in Self.requiredTemplates where templates[name] == nil {
            throw DiglotError.templatesMissing("the template set", name)
        }
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw DiglotError.templateInvalid("\(name).mustache", "\(error)")
            }
        }
        self.library = library
        do {
            guard let table = try Yams.load(yaml: yaml) as? [String: [String: Any]] else {
                throw DiglotError.templateInvalid("strings.yml", "it must map locales to tables of strings")
            }
            self.strings = table.mapValues { $0.compactMapValues { $0 as? String ?? ($0 as? CustomStringConvertible)?.description } }
        } catch let error as DiglotError {
            throw error
        } catch {
            throw DiglotError.templateInvalid("strings.yml", "\(error)")
        }
        guard strings["en-US"] != nil else { throw DiglotError.templateInvalid("strings.yml", "it has no en-US table") }
        self.assets = assets
    }

    /// Reads `*.mustache`, `strings.yml` and `assets/` from a folder.
    public static func load(from directory: URL) throws -> TemplateSet {
        let fm = FileManager.default
        var templates: [String: String] = [:]
        let names = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            let url = directory.appendingPathComponent(name)
            templates[String(name.dropLast(".mustache".count))] = try String(contentsOf: url, encoding: .utf8)
        }
        for name in requiredTemplates where templates[name] == nil {
            throw DiglotError.templatesMissing(directory.path, name)
        }
        let stringsURL = directory.appendingPathComponent("strings.yml")
        guard let strings = try? String(contentsOf: stringsURL, encoding: .utf8) else {
            throw DiglotError.templatesMissing(directory.path, "strings.yml")
        }
        var assets: [(String, [UInt8])] = []
        let assetsURL = directory.appendingPathComponent("assets")
        for name in ((try? fm.contentsOfDirectory(atPath: assetsURL.path)) ?? []).sorted() where !name.hasPrefix(".") {
            let data = try Data(contentsOf: assetsURL.appendingPathComponent(name))
            assets.append(("assets/" + name, [UInt8](data)))
        }
        return try TemplateSet(templates: templates, strings: strings, assets: assets)
    }

    /// The strings for a locale: its own, then its language's, then en-US, key by key.
    public func strings(for locale: String) -> [String: String] {
        var result = strings["en-US"] ?? [:]
        let language = locale.split(separator: "-").first.map(String.init) ?? locale
        if let byLanguage = strings.first(where: { $0.key.lowercased().hasPrefix(language.lowercased() + "-") && $0.key != "en-US" })?.value {
            result.merge(byLanguage) { $1 }
        }
        if let exact = strings.first(where: { $0.key.lowercased() == locale.lowercased() })?.value {
            result.merge(exact) { $1 }
        }
        return result
    }

    /// swift-mustache escapes HTML a Character at a time through a dictionary; templates that declare
    /// `{{% CONTENT_TYPE: HTML }}` get the same escaping done on UTF-8 bytes instead.
    private static let fastEscaping: Bool = {
        MustacheContentTypes.register(ByteHTMLContentType(), named: "HTML")
        return true
    }()

    private struct ByteHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    func render(_ context: [String: Any], template: String) -> String? {
        library.render(context, withTemplate: template)
    }

    /// Stands for the page's HTML while the template renders; the HTML is put in its place afterwards,
    /// so the largest value of a page never goes through Mustache's string handling.
    static let contentMarker = "\u{1}diglot:content\u{1}"

    /// Renders a template whose `content` variable is `content`, HTML inserted as it is.
    func render(_ context: [String: Any], template: String, content: [UInt8]) -> [UInt8]? {
        var context = context
        context["content"] = Self.contentMarker
        guard var html = library.render(context, withTemplate: template) else { return nil }
        return html.withUTF8 { rendered -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(rendered.count + content.count)
            let marker = Array(Self.contentMarker.utf8)
            var chunkStart = 0
            var i = 0
            while i < rendered.count {
                if rendered[i] == marker[0], i + marker.count <= rendered.count,
                   marker.indices.allSatisfy({ rendered[i + $0] == marker[$0] }) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: rendered[chunkStart..<i]))
                    out.append(contentsOf: content)
                    i += marker.count
                    chunkStart = i
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: rendered[chunkStart..<rendered.count]))
            return out
        }
    }
}
