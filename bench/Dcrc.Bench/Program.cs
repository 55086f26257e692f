using Dcrc.Bench;

// dotnet run --project bench/Dcrc.Bench -- generate <npgsql connection string> <count> <secret base64> <samples.json>
// dotnet run --project bench/Dcrc.Bench -- callback-events <npgsql connection string> <count> [store code]
// dotnet run --project bench/Dcrc.Bench -- leads <npgsql connection string> <count>
// dotnet run --project bench/Dcrc.Bench -- lead-batch-file <out.xlsx> <count>
// dotnet run --project bench/Dcrc.Bench -- measure-paths <base url> <user> <password> <requests> <parallel> <path>...
// dotnet run --project bench/Dcrc.Bench -- measure <base url> <user> <password> <samples.json> <requests> <parallel>
switch (args.FirstOrDefault())
{
    case "generate":
        await Generate.RunAsync(args[1], int.Parse(args[2]), args[3], args[4]);
        break;
    case "callback-events":
        await CallbackEvents.RunAsync(args[1], int.Parse(args[2]), args.Length > 3 ? args[3] : "TH");
        break;
    case "leads":
        await Leads.GenerateAsync(args[1], int.Parse(args[2]));
        break;
    case "lead-batch-file":
        await Leads.BatchFileAsync(args[1], int.Parse(args[2]));
        break;
    case "measure-paths":
        await Leads.MeasureAsync(args[1], args[2], args[3], int.Parse(args[4]), int.Parse(args[5]), args[6..]);
        break;
    case "measure":
        await Measure.RunAsync(args[1], args[2], args[3], args[4], int.Parse(args[5]), int.Parse(args[6]));
        break;
    default:
        Console.Error.WriteLine("usage: generate <connection> <count> <secret> <samples.json> | measure <url> <user> <password> <samples.json> <requests> <parallel>");
        Environment.ExitCode = 2;
        break;
}
