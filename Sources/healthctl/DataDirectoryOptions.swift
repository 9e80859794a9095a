import ArgumentParser

/// The `--data` option every command that opens the databases shares.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory holding the databases and keys.")
    var data: String = "./data"
}
