using Eigenpal.Worker.Cli;

return await EigenpalCommandLine.RunAsync(args);
