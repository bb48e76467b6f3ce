import ArgumentParser

/// `boutique`: the shop's single binary. `serve` is the default sub-command.
@main
struct BoutiqueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boutique",
        abstract: "Boutique : la boutique de e-Cartes cadeaux des CSE.",
        subcommands: [Serve.self, Worker.self, Migrate.self, DemoSeed.self, Jobs.self, MailCommand.self, PSPSandboxCommand.self, StoresCommand.self, EmployeesCommand.self, POSClientCommand.self, CardsCommand.self],
        defaultSubcommand: Serve.self
    )
}
