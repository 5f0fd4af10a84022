using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab;

/// <summary>
/// The lab services of one run, as the rig uses them: started in the order given (each within a
/// deadline; if one fails, those already started are stopped and the failure names it), found by type,
/// reset between scenarios, stopped in reverse order (each within a deadline) when disposed.
/// </summary>
public sealed class LabServices : IAsyncDisposable
{
    public static readonly TimeSpan DefaultStartDeadline = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultStopDeadline = TimeSpan.FromSeconds(10);

    private readonly List<ILabService> _started = [];
    private readonly TimeSpan _startDeadline;
    private readonly TimeSpan _stopDeadline;
    private LabContext? _lab;

    public LabServices(IEnumerable<ILabService> services, TimeSpan? startDeadline = null, TimeSpan? stopDeadline = null)
    {
        Services = [.. services];
        var duplicate = Services.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two lab services are named '{duplicate.Key}'", nameof(services));
        _startDeadline = startDeadline ?? DefaultStartDeadline;
        _stopDeadline = stopDeadline ?? DefaultStopDeadline;
    }

    public IReadOnlyList<ILabService> Services { get; }

    /// <summary>What stopping went wrong with (a service that threw or overran its deadline); filled by dispose.</summary>
    public IReadOnlyList<string> StopProblems { get; private set; } = [];

    public async Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_lab is not null)
            throw new InvalidOperationException("the lab services are already started");
        _lab = lab;
        foreach (var service in Services)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(_startDeadline);
            try
            {
                await service.StartAsync(lab, deadline.Token).WaitAsync(deadline.Token);
                _started.Add(service);
            }
            catch (Exception e)
            {
                _started.Add(service); // half-started: let it release what it holds
                await StopAllAsync();
                if (e is OperationCanceledException && ct.IsCancellationRequested)
                    throw;
                throw e as LabServiceException ?? new LabServiceException(service.Name, e is OperationCanceledException
                    ? $"did not start within {_startDeadline.TotalSeconds:0.#} s"
                    : $"did not start: {e.Message}", e);
            }
        }
    }

    /// <summary>The service of type <typeparamref name="T"/>; throws naming the type when there is none.</summary>
    public T Get<T>() where T : ILabService =>
        TryGet<T>(out var service) ? service : throw new InvalidOperationException($"no lab service {typeof(T).Name} on this rig");

    public bool TryGet<T>(out T service) where T : ILabService
    {
        service = Services.OfType<T>().FirstOrDefault()!;
        return service is not null;
    }

    /// <summary>Back to the run's defaults before a scenario: every <see cref="IResettableLabService"/> resets.</summary>
    public void ResetAll()
    {
        foreach (var service in Services.OfType<IResettableLabService>())
            service.Reset();
    }

    public async ValueTask DisposeAsync() => await StopAllAsync();

    private async Task StopAllAsync()
    {
        var problems = new List<string>(StopProblems);
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var service = _started[i];
            try
            {
                await service.DisposeAsync().AsTask().WaitAsync(_stopDeadline);
            }
            catch (TimeoutException)
            {
                problems.Add($"lab service '{service.Name}' did not stop within {_stopDeadline.TotalSeconds:0.#} s");
            }
            catch (Exception e)
            {
                problems.Add($"lab service '{service.Name}' failed to stop: {e.GetType().Name}: {e.Message}");
            }
        }
        _started.Clear();
        StopProblems = problems;
        foreach (var problem in problems)
        {
            try
            {
                _lab?.Run.Journal.Append(new Note { Text = problem });
            }
            catch (ObjectDisposedException)
            {
                // the run has ended; StopProblems still has it
            }
        }
    }
}
