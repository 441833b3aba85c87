using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Payments.Data;

internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrder>
{
    public void Configure(EntityTypeBuilder<PaymentOrder> b)
    {
        b.ToTable("payments_orders");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.OrderNo).IsUnique();
        b.HasIndex(x => x.EnrollmentId);
        b.HasIndex(x => new { x.Purpose, x.ReferenceId });
        b.HasIndex(x => new { x.Status, x.CreatedAtUtc });
        b.Property(x => x.OrderNo).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(100);
        b.Property(x => x.CodeUrl).HasMaxLength(200);
        b.Property(x => x.TransactionId).HasMaxLength(64);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.OrderId);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("payments_order_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Payee).HasMaxLength(100);
    }
}

internal sealed class PaymentTransactionConfiguration : IEntityTypeConfiguration<PaymentTransaction>
{
    public void Configure(EntityTypeBuilder<PaymentTransaction> b)
    {
        b.ToTable("payments_transactions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.TransactionId).IsUnique();   // exactly once per gateway transaction
        b.HasIndex(x => x.OrderId);
        b.Property(x => x.OrderNo).HasMaxLength(32);
        b.Property(x => x.TransactionId).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(300);
    }
}

internal sealed class PaymentNotificationLogConfiguration : IEntityTypeConfiguration<PaymentNotificationLog>
{
    public void Configure(EntityTypeBuilder<PaymentNotificationLog> b)
    {
        b.ToTable("payments_notification_log");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.OrderNo);
        b.Property(x => x.NotificationId).HasMaxLength(64);
        b.Property(x => x.EventType).HasMaxLength(40);
        b.Property(x => x.Outcome).HasMaxLength(60);
        b.Property(x => x.OrderNo).HasMaxLength(40);
        b.Property(x => x.TransactionId).HasMaxLength(64);
        b.Property(x => x.Serial).HasMaxLength(80);
        b.Property(x => x.Ip).HasMaxLength(64);
    }
}
