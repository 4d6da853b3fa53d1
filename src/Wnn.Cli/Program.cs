using Wnn.Cli;

return await WnnCommand.RunAsync(args);
