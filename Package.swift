// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Diglot",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Diglot", targets: ["Diglot", "DiglotModel", "DiglotContent", "DiglotParse", "DiglotTemplates", "DiglotMail", "DiglotPublish", "DiglotDefaults"]),
        .executable(name: "diglot", targets: ["diglot"]),
        .executable(name: "diglot-bench", targets: ["diglot-bench"]),
        // The libFuzzer target: `make fuzz` builds it instrumented (see the Makefile).
        .executable(name: "diglot-fuzz", targets: ["diglot-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // diglot serve's HTTP server: FlyingFox adds 18 s to a clean release build, Hummingbird (SwiftNIO) far more (README).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The region allocator the parse gives cmark-gfm (`cmark_parser_new_with_mem`): each page's tree
        // is bump-allocated on its thread and dropped at once after the walk (issue 12: per-node
        // malloc cost a quarter of the 20x build). C, because cmark-gfm's allocator hooks take no
        // context and the region is the thread's.
        .target(name: "CParseRegion"),
        // glibc's malloc.h (malloc_trim: the build gives freed memory back between stages).
        .systemLibrary(name: "CMalloc"),
        // The model (pages, blocks, inlines, translation units, language tags) and diagnostics: no
        // dependencies, and what the stages share; the other stages see only its `public` and
        // `package` declarations (issue 12: boundaries the compiler enforces).
        // It links the ICU that Foundation ships (swift-foundation-icu) for CLDR's plural rules.
        .target(name: "DiglotModel", linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),
        // The load stage's edge: the content folder listed and read, contained (real paths, links,
        // sizes), a file's bytes as text (`SourceFile`) and the one YAML reader (`YAMLLoader`, bounded).
        .target(name: "DiglotContent", dependencies: ["DiglotModel", .product(name: "Yams", package: "Yams")]),
        // The parse stage: a content file's bytes to a page of the model (front matter by Yams, markdown
        // by cmark-gfm, DocFX's extensions, translation units, machine-translation repairs), each file
        // alone; it knows nothing of the site (docsets, layout, other pages). The other stages see only
        // its `public` and `package` declarations.
        .target(
            name: "DiglotParse",
            dependencies: [
                "DiglotModel",
                "DiglotContent",
                "CCmarkGFM",
                "CParseRegion",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The templates (mustache, through swift-mustache) and the interface strings of every locale:
        // read from a folder, the content or the built-in set, checked, compiled.
        .target(
            name: "DiglotTemplates",
            dependencies: [
                "DiglotModel",
                "DiglotContent",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The invitation email drafts (`diglot mail`, and the drafts a build publishes): invitations.yml,
        // the cloud catalog read from the sample page, the drafts, MIME and `mailto:`.
        .target(
            name: "DiglotMail",
            dependencies: [
                "DiglotModel",
                "DiglotContent",
                "DiglotParse",
                "DiglotTemplates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The publish stage's writer: output paths (the one rule for them), the plan's check, the
        // manifest and the one writer of the output folder (a new folder swapped in whole). It knows
        // no page or view: it takes paths and bytes.
        .target(name: "DiglotPublish", dependencies: ["DiglotModel"]),
        .target(
            name: "Diglot",
            dependencies: [
                "DiglotModel",
                "DiglotContent",
                "DiglotParse",
                "DiglotTemplates",
                "DiglotMail",
                "DiglotPublish",
                "CMalloc",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The default templates, strings and assets: Templates/ compiled in as generated source by the
        // EmbedTemplates plugin (its tool is diglot-embed), so that an installed diglot needs no file
        // beside it (README, "Templates"). Only the CLI and the tests link it; diglot-fuzz and
        // diglot-bench read Templates/ from disk.
        .target(name: "DiglotDefaults", plugins: ["EmbedTemplates"]),
        .executableTarget(name: "diglot-embed"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["diglot-embed"]),
        .executableTarget(
            name: "diglot",
            dependencies: [
                "Diglot",
                "DiglotDefaults",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "diglot-bench",
            dependencies: ["Diglot"]
        ),
        .executableTarget(
            name: "diglot-fuzz",
            dependencies: ["Diglot"]
        ),
        .testTarget(
            name: "DiglotTests",
            // The CLI is a dependency so that `swift test` builds it for the CLI tests.
            dependencies: ["Diglot", "DiglotModel", "DiglotContent", "DiglotParse", "DiglotTemplates", "DiglotMail", "DiglotPublish", "DiglotDefaults", "diglot", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]
        ),
    ]
)
