using System.Security.Cryptography;
using System.Text;

namespace TrainEval.Web.Modules.Verification;

/// <summary>
/// The separate consent text for face processing (人脸识别技术应用安全管理办法, 2025): purpose, scope, retention, the
/// alternative and withdrawal. Versioned: a changed text gets a new version and learners are asked again.
/// </summary>
public static class ConsentText
{
    public const string Version = "2026-11-v1";

    public static readonly IReadOnlyList<string> Paragraphs =
    [
        "为核验参加职业技能培训与评价的是您本人（登录、学习过程随机抽查、考试与补考前），本平台需要处理您的人脸信息。人脸信息属于敏感个人信息，我们单独征求您的同意。",
        "处理的信息：您报名时提交的证件照（或现场采集的照片）生成的人脸特征，以及每次核验时摄像头采集的数张画面和比对分值。",
        "处理方式：在本平台服务器上本地计算比对，不提供给任何第三方，不用于核验身份以外的任何目的；特征与图像逐条以独立密钥加密保存，只有核验服务可以读取，每次查看均留有记录。",
        "保存期限：与您的培训与评价档案相同（考务档案至少保存 2 年），期满按档案处置规则销毁并留有处置记录。",
        "替代方式：您可以不同意。不同意不影响报名；您可选择由培训机构工作人员通过现场核对身份证件或视频通话的方式人工核验身份（记录核验人员姓名）。",
        "撤回：您可以随时在本页撤回同意；撤回后不再进行人脸核验，已有的人脸特征停止使用，身份核验改为人工方式。",
    ];

    public static string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Version + "\n" + string.Join("\n", Paragraphs))));
}
