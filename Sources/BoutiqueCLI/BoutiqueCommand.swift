import ArgumentParser

/// `boutique`: the shop's single binary. `serve` is the default sub-command.
@main
struct BoutiqueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boutique",
        abstract: "Boutique : la boutique de e-Cartes cadeaux des CSE.",
        subcommands: [Serve.self, Worker.self, Migrate.self, DemoSeed.self, Jobs.self, MailCommand.self, PSPSandboxCommand.self, StoresCommand.self, EmployeesCommand.self, POSClientCommand.self, CardsCommand.self, StaffCommand.self],
        defaultSubcommand: Serve.self
    )
}
