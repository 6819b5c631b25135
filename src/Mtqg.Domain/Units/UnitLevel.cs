namespace Mtqg.Domain.Units;

public enum UnitLevel
{
    Province = 1,
    District = 2,
    Commune = 3,
}

/// <summary>The legal kind of a unit (loại đơn vị hành chính), as named in the official code list.</summary>
public enum UnitKind
{
    Tinh = 1,
    ThanhPhoTrucThuocTrungUong = 2,
    Quan = 10,
    Huyen = 11,
    ThiXa = 12,
    ThanhPhoThuocTinh = 13,
    ThanhPhoThuocThanhPhoTrucThuocTrungUong = 14,
    Xa = 20,
    Phuong = 21,
    ThiTran = 22,
    DacKhu = 23,
}

/// <summary>How an old unit went into a new one.</summary>
public enum SuccessionType
{
    /// <summary>The whole old unit went into this new one (sáp nhập toàn bộ).</summary>
    Full = 1,

    /// <summary>The old unit was split; this new one took a part of it (sáp nhập một phần).</summary>
    Partial = 2,

    /// <summary>Same territory, new kind or name (chuyển loại / đổi tên), e.g. a xã becoming a phường.</summary>
    Reclassified = 3,
}

public static class UnitKinds
{
    public static UnitKind FromTypeCode(string typeCode) =>
        typeCode switch
        {
            "tinh" => UnitKind.Tinh,
            "thanh_pho_truc_thuoc_trung_uong" => UnitKind.ThanhPhoTrucThuocTrungUong,
            "quan" => UnitKind.Quan,
            "huyen" => UnitKind.Huyen,
            "thi_xa" => UnitKind.ThiXa,
            "thanh_pho" or "thanh_pho_thuoc_tinh" => UnitKind.ThanhPhoThuocTinh,
            "thanh_pho_thuoc_thanh_pho_truc_thuoc_trung_uong" => UnitKind.ThanhPhoThuocThanhPhoTrucThuocTrungUong,
            "xa" => UnitKind.Xa,
            "phuong" => UnitKind.Phuong,
            "thi_tran" => UnitKind.ThiTran,
            "dac_khu" => UnitKind.DacKhu,
            _ => throw new ArgumentOutOfRangeException(nameof(typeCode), typeCode, "Loại đơn vị hành chính không xác định."),
        };

    public static string Code(this UnitKind kind) =>
        kind switch
        {
            UnitKind.Tinh => "tinh",
            UnitKind.ThanhPhoTrucThuocTrungUong => "thanh_pho_truc_thuoc_trung_uong",
            UnitKind.Quan => "quan",
            UnitKind.Huyen => "huyen",
            UnitKind.ThiXa => "thi_xa",
            UnitKind.ThanhPhoThuocTinh => "thanh_pho_thuoc_tinh",
            UnitKind.ThanhPhoThuocThanhPhoTrucThuocTrungUong => "thanh_pho_thuoc_thanh_pho_truc_thuoc_trung_uong",
            UnitKind.Xa => "xa",
            UnitKind.Phuong => "phuong",
            UnitKind.ThiTran => "thi_tran",
            UnitKind.DacKhu => "dac_khu",
            _ => kind.ToString(),
        };

    public static string Label(this UnitKind kind) =>
        kind switch
        {
            UnitKind.Tinh => "Tỉnh",
            UnitKind.ThanhPhoTrucThuocTrungUong => "Thành phố trực thuộc trung ương",
            UnitKind.Quan => "Quận",
            UnitKind.Huyen => "Huyện",
            UnitKind.ThiXa => "Thị xã",
            UnitKind.ThanhPhoThuocTinh => "Thành phố thuộc tỉnh",
            UnitKind.ThanhPhoThuocThanhPhoTrucThuocTrungUong => "Thành phố thuộc thành phố trực thuộc TW",
            UnitKind.Xa => "Xã",
            UnitKind.Phuong => "Phường",
            UnitKind.ThiTran => "Thị trấn",
            UnitKind.DacKhu => "Đặc khu",
            _ => kind.ToString(),
        };

    /// <summary>NTM applies to rural communes (xã, and đặc khu where the province says so), never to wards.</summary>
    public static bool IsRural(this UnitKind kind) => kind is UnitKind.Xa or UnitKind.DacKhu;

    public static string Label(this SuccessionType type) =>
        type switch
        {
            SuccessionType.Full => "Sáp nhập toàn bộ",
            SuccessionType.Partial => "Sáp nhập một phần (chia tách)",
            SuccessionType.Reclassified => "Chuyển loại / đổi tên",
            _ => type.ToString(),
        };

    public static UnitLevel LevelOfCode(string code) =>
        code.Length switch
        {
            2 => UnitLevel.Province,
            3 => UnitLevel.District,
            _ => UnitLevel.Commune,
        };
}
