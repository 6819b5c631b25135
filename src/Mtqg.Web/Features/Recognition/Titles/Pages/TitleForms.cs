using System.ComponentModel.DataAnnotations;

namespace Mtqg.Web.Features.Recognition.Titles.Pages;

/// <summary>A title granted before the system, as the page posts it ([SupplyParameterFromForm]); the service checks the rest.</summary>
public sealed class BaselineForm
{
    [Required(ErrorMessage = "Nhập mã xã (5 chữ số).")]
    public string? CommuneCode { get; set; }

    [Required(ErrorMessage = "Nhập mức đạt chuẩn (ví dụ NTM).")]
    public string? Level { get; set; } = "NTM";
    public string? SetCode { get; set; }

    [Required(ErrorMessage = "Nhập số quyết định (ví dụ 1234/QĐ-UBND).")]
    public string? DecisionNumber { get; set; }

    [Required(ErrorMessage = "Chọn ngày quyết định.")]
    public string? DecisionDate { get; set; }
    public string? Signer { get; set; }
    public string? Note { get; set; }

    public BaselineTitleRequest ToRequest() =>
        new(CommuneCode, Level, SetCode, DecisionNumber, Mtqg.Domain.Common.VietnamTime.ParseDate(DecisionDate), Signer, Note);
}

/// <summary>The province's decision that a merged commune holds a level: the predecessors' titles it rests on are ticked.</summary>
public sealed class AcknowledgementForm
{
    [Required(ErrorMessage = "Nhập mã xã (5 chữ số).")]
    public string? CommuneCode { get; set; }

    [Required(ErrorMessage = "Nhập mức đạt chuẩn (ví dụ NTM).")]
    public string? Level { get; set; } = "NTM";

    [Required(ErrorMessage = "Nhập số quyết định ghi nhận (ví dụ 15/QĐ-UBND).")]
    public string? DecisionNumber { get; set; }

    [Required(ErrorMessage = "Chọn ngày quyết định.")]
    public string? DecisionDate { get; set; }
    public string? Signer { get; set; }
    public string? Note { get; set; }

    /// <summary>Title id → ticked.</summary>
    public Dictionary<int, bool> BasedOn { get; set; } = [];

    public AcknowledgementRequest ToRequest() =>
        new(
            CommuneCode,
            Level,
            DecisionNumber,
            Mtqg.Domain.Common.VietnamTime.ParseDate(DecisionDate),
            Signer,
            [.. BasedOn.Where(b => b.Value).Select(b => b.Key)],
            Note
        );
}
