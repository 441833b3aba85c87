using System.Security.Cryptography;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.UnitTests.Platform;

public sealed class AuditChainTests
{
    private static readonly DateTime At = new(2026, 11, 25, 8, 30, 15, 123, DateTimeKind.Utc);
    private static readonly Guid Actor = Guid.Parse("0190f0a0-0000-7000-8000-000000000001");
    private static readonly Guid Tenant = Guid.Parse("0190f0a0-0000-7000-8000-000000000002");

    private static AuditEntry Entry(
        DateTime? at = null, Guid? actor = null, string actorName = "张三", string actorRole = "training.admin", Guid? tenant = null,
        string action = "enrollment.approved", string subjectType = "enrollment", string subjectId = "42", string ip = "10.0.0.1",
        string detail = "{\"note\":\"ok\"}")
        => AuditEntry.Create(at ?? At, actor ?? Actor, actorName, actorRole, tenant ?? Tenant, action, subjectType, subjectId, ip, detail);

    private static AuditEntry Sealed(AuditChain chain, AuditEntry e, long sequence = 7, string previous = "prev")
    {
        e.Sequence = sequence;
        e.PreviousHash = previous;
        e.Hash = chain.ComputeHash(e);
        return e;
    }

    [Fact]
    public void SEC_02_seal_assigns_consecutive_sequence_numbers_from_the_head()
    {
        var chain = new AuditChain(KeyRing.Random());
        var entries = new[] { Entry(), Entry(action: "b"), Entry(action: "c") };

        chain.Seal(entries, 41, "headhash");

        Assert.Equal([42L, 43L, 44L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public void SEC_02_seal_links_each_entry_to_the_previous_hash()
    {
        var chain = new AuditChain(KeyRing.Random());
        var entries = new[] { Entry(), Entry(action: "b"), Entry(action: "c") };

        chain.Seal(entries, 41, "headhash");

        Assert.Equal("headhash", entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.All(entries, e => Assert.Equal(chain.ComputeHash(e), e.Hash));
        Assert.Equal(3, entries.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void SEC_02_first_entry_of_the_log_links_to_genesis()
    {
        var chain = new AuditChain(KeyRing.Random());
        var first = Entry();

        chain.Seal([first], 0, AuditChain.Genesis);

        Assert.Equal(1, first.Sequence);
        Assert.Equal("genesis", first.PreviousHash);
        Assert.Equal(chain.ComputeHash(first), first.Hash);
    }

    [Fact]
    public void SEC_02_sealing_in_two_batches_equals_sealing_at_once()
    {
        var chain = new AuditChain(KeyRing.Random());
        var all = new[] { Entry(action: "a"), Entry(action: "b"), Entry(action: "c") };
        var split = new[] { Entry(action: "a"), Entry(action: "b"), Entry(action: "c") };

        chain.Seal(all, 0, AuditChain.Genesis);
        chain.Seal(split[..1], 0, AuditChain.Genesis);
        chain.Seal(split[1..], split[0].Sequence, split[0].Hash);

        Assert.Equal(all.Select(e => (e.Sequence, e.Hash)), split.Select(e => (e.Sequence, e.Hash)));
    }

    [Fact]
    public void SEC_02_hash_is_deterministic_for_the_same_key_and_fields()
    {
        var chain = new AuditChain(KeyRing.Random());

        Assert.Equal(Sealed(chain, Entry()).Hash, Sealed(chain, Entry()).Hash);
    }

    public static TheoryData<string> ChangedFields() =>
    [
        "at", "actor", "no actor", "actorName", "actorRole", "tenant", "no tenant", "action", "subjectType", "subjectId", "ip", "detail",
        "sequence", "previous",
    ];

    [Theory]
    [MemberData(nameof(ChangedFields))]
    public void SEC_02_hash_changes_when_any_field_changes(string field)
    {
        var chain = new AuditChain(KeyRing.Random());
        var baseline = Sealed(chain, Entry()).Hash;

        var changed = field switch
        {
            "at" => Sealed(chain, Entry(at: At.AddMilliseconds(1))),
            "actor" => Sealed(chain, Entry(actor: Guid.Parse("0190f0a0-0000-7000-8000-000000000009"))),
            "no actor" => Sealed(chain, AuditEntry.Create(At, null, "张三", "training.admin", Tenant, "enrollment.approved", "enrollment", "42", "10.0.0.1", "{\"note\":\"ok\"}")),
            "actorName" => Sealed(chain, Entry(actorName: "李四")),
            "actorRole" => Sealed(chain, Entry(actorRole: "evaluation.admin")),
            "tenant" => Sealed(chain, Entry(tenant: Guid.Parse("0190f0a0-0000-7000-8000-000000000008"))),
            "no tenant" => Sealed(chain, AuditEntry.Create(At, Actor, "张三", "training.admin", null, "enrollment.approved", "enrollment", "42", "10.0.0.1", "{\"note\":\"ok\"}")),
            "action" => Sealed(chain, Entry(action: "enrollment.rejected")),
            "subjectType" => Sealed(chain, Entry(subjectType: "payment")),
            "subjectId" => Sealed(chain, Entry(subjectId: "43")),
            "ip" => Sealed(chain, Entry(ip: "10.0.0.2")),
            "detail" => Sealed(chain, Entry(detail: "{\"note\":\"ko\"}")),
            "sequence" => Sealed(chain, Entry(), sequence: 8),
            "previous" => Sealed(chain, Entry(), previous: "prev2"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.NotEqual(baseline, changed.Hash);
    }

    [Fact]
    public void SEC_02_a_different_key_gives_a_different_hash()
    {
        var first = new AuditChain(KeyRing.Random());
        var second = new AuditChain(KeyRing.Random());

        Assert.NotEqual(Sealed(first, Entry()).Hash, Sealed(second, Entry()).Hash);
    }

    [Fact]
    public void SEC_02_the_hash_depends_only_on_the_audit_chain_key()
    {
        var auditKey = RandomNumberGenerator.GetBytes(32);
        KeyRing Ring() => new("k1", new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) },
            RandomNumberGenerator.GetBytes(32), auditKey);

        Assert.Equal(Sealed(new AuditChain(Ring()), Entry()).Hash, Sealed(new AuditChain(Ring()), Entry()).Hash);
    }

    [Fact]
    public void SEC_02_create_truncates_time_to_milliseconds()
    {
        var precise = new DateTime(2026, 11, 25, 8, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567); // 123.4567 ms

        var entry = Entry(at: precise);

        Assert.Equal(new DateTime(2026, 11, 25, 8, 30, 15, 123, DateTimeKind.Utc), entry.AtUtc);
        Assert.Equal(0, entry.AtUtc.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(DateTimeKind.Utc, entry.AtUtc.Kind);
    }

    [Fact]
    public void SEC_02_sub_millisecond_differences_do_not_change_the_hash()
    {
        var chain = new AuditChain(KeyRing.Random());

        var a = Sealed(chain, Entry(at: At));
        var b = Sealed(chain, Entry(at: At.AddTicks(9_999)));

        Assert.Equal(a.Hash, b.Hash);
    }

    [Fact]
    public void SEC_02_create_limits_field_lengths()
    {
        var entry = Entry(actorName: new string('a', 150), action: new string('b', 150), ip: new string('1', 80), detail: new string('d', 5000));

        Assert.Equal(100, entry.ActorName.Length);
        Assert.Equal(100, entry.Action.Length);
        Assert.Equal(64, entry.Ip.Length);
        Assert.Equal(5000, entry.Detail.Length);
    }
}
