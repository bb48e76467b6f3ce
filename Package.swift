// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Boutique",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "boutique", targets: ["BoutiqueCLI"]),
        .executable(name: "bench-documents", targets: ["BenchDocuments"]),
        .executable(name: "bench-shop", targets: ["BenchShop"]),
        .executable(name: "bench-pos-ceiling", targets: ["BenchPOSCeiling"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // Pure domain: money, pricing, order states, card numbers. No I/O.
        .target(name: "BoutiqueCore"),
        // Persistence: FluentKit models, migrations, database configuration.
        .target(
            name: "BoutiqueStore",
            dependencies: [
                "BoutiqueCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // PDF writer, Code 128, e-card and invoice PDFs. Foundation only.
        .target(name: "BoutiqueDocuments", dependencies: ["BoutiqueCore"]),
        .executableTarget(name: "BenchDocuments", dependencies: ["BoutiqueCore", "BoutiqueDocuments"]),
        // The POS API's stack without the shop behind it (`POSCeiling`): scripts/bench-pos.
        .executableTarget(
            name: "BenchPOSCeiling",
            dependencies: ["BoutiquePOS", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        // Throughput of jobs, order placement and SMTP sending: scripts/bench-shop.
        .executableTarget(
            name: "BenchShop",
            dependencies: [
                "BoutiqueCore", "BoutiqueShop", "BoutiqueStore", "BoutiqueMail",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // E-mail: messages, MIME, the SMTP client on SwiftNIO.
        .target(
            name: "BoutiqueMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Payment providers: the protocol, the sandbox's client, Stripe Checkout and its webhooks.
        .target(
            name: "BoutiquePayments",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The sandbox payment provider as an HTTP service (hosted page, 3-D Secure, notifications).
        .target(
            name: "PSPSandbox",
            dependencies: [
                "BoutiqueCore",
                "BoutiqueStore",
                "BoutiquePayments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Use cases: catalogue, accounts, orders… Transactions and jobs live here. No HTTP types.
        .target(
            name: "BoutiqueShop",
            dependencies: [
                "BoutiqueCore",
                "BoutiqueStore",
                "BoutiqueMail",
                "BoutiquePayments",
                "BoutiqueDocuments",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("MailTemplates"), .copy("Resources")],
            // A file sees the members of the modules it imports only: one without `import FluentKit`
            // cannot call `query(on:)` or `save(on:)` on a model (scripts/check-imports).
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The POS JSON API (openapi.yaml; the server code was generated once and is committed).
        .target(
            name: "BoutiquePOS",
            dependencies: [
                "BoutiqueCore",
                "BoutiqueShop",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["openapi-generator-config.yaml"],
            resources: [.copy("openapi.yaml")]
        ),
        // HTTP: Hummingbird application, middleware, controllers, templates.
        .target(
            name: "BoutiqueWeb",
            dependencies: [
                "BoutiqueCore",
                "BoutiqueShop",
                "BoutiqueMail",
                "BoutiquePayments",
                "BoutiqueDocuments",
                "BoutiquePOS",
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates"), .copy("Public")]
        ),
        .executableTarget(
            name: "BoutiqueCLI",
            dependencies: [
                "BoutiqueCore",
                "BoutiqueShop",
                "BoutiquePayments",
                "BoutiqueDocuments",
                "PSPSandbox",
                "BoutiqueWeb",
                "BoutiquePOS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Test helpers shared by the suites: the engine matrix (SQLite, PostgreSQL).
        .target(
            name: "BoutiqueTestSupport",
            dependencies: ["BoutiqueCore", "BoutiqueStore", "BoutiqueShop", .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "FluentKit", package: "fluent-kit"), .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/BoutiqueTestSupport"
        ),
        .testTarget(name: "BoutiqueCoreTests", dependencies: ["BoutiqueCore"]),
        .testTarget(name: "BoutiqueCLITests", dependencies: ["BoutiqueCore", "BoutiqueCLI", "BoutiqueShop", "BoutiqueStore", "BoutiqueTestSupport"]),
        .testTarget(
            name: "BoutiqueMailTests",
            dependencies: [
                "BoutiqueMail",
                "BoutiqueCore",
                "BoutiqueTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BoutiquePaymentsTests",
            dependencies: [
                "BoutiqueCore", "BoutiquePayments", "PSPSandbox", "BoutiqueStore", "BoutiqueTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "BoutiqueCardTests",
            dependencies: ["BoutiqueCore", "BoutiqueStore", "BoutiqueShop", "BoutiqueCLI", "BoutiqueTestSupport",
                           .product(name: "FluentKit", package: "fluent-kit"),
                           .product(name: "SQLKit", package: "sql-kit")]
        ),
        .testTarget(
            name: "BoutiquePOSTests",
            dependencies: [
                "BoutiquePOS", "BoutiqueWeb", "BoutiqueStore", "BoutiqueShop", "BoutiqueCore", "BoutiqueTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .testTarget(name: "BoutiqueDocumentsTests", dependencies: ["BoutiqueCore", "BoutiqueDocuments", "BoutiqueTestSupport"]),
        .testTarget(
            name: "BoutiqueStoreTests",
            dependencies: ["BoutiqueCore", "BoutiqueStore", "BoutiqueTestSupport",
                           .product(name: "FluentKit", package: "fluent-kit"),
                           .product(name: "SQLKit", package: "sql-kit")]
        ),
        .testTarget(
            name: "BoutiqueShopTests",
            dependencies: ["BoutiqueCore", "BoutiqueStore", "BoutiqueShop", "BoutiqueTestSupport", "BoutiqueMail", "BoutiquePayments",
                           .product(name: "FluentKit", package: "fluent-kit"),
                           .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(
            name: "BoutiqueWebTests",
            dependencies: [
                "BoutiqueCore",
                "BoutiqueWeb",
                "BoutiqueStore",
                "BoutiqueShop",
                "BoutiquePayments",
                "BoutiqueTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
