using Dcrc.Kernel.Pinyin;

namespace Dcrc.Tests.Kernel;

public class PinyinTests
{
    [Theory]
    [InlineData("张三", "zhangsan", "zs")]
    [InlineData("李四", "lisi", "ls")]
    [InlineData("吕布", "lvbu", "lb")]
    [InlineData("曾小贤", "zengxiaoxian", "zxx")]   // 曾 as a surname is zeng, not ceng
    [InlineData("单田芳", "shantianfang", "stf")]   // 单 shan, not dan
    [InlineData("仇英", "qiuying", "qy")]           // 仇 qiu, not chou
    [InlineData("解缙", "xiejin", "xj")]            // 解 xie, not jie
    [InlineData("区志明", "ouzhiming", "ozm")]      // 区 ou, not qu
    [InlineData("欧阳娜娜", "ouyangnana", "oynn")]
    [InlineData("司马光", "simaguang", "smg")]
    [InlineData("尉迟恭", "yuchigong", "ycg")]     // 尉迟 yuchi, not weichi
    [InlineData("长孙无忌", "zhangsunwuji", "zswj")]
    public void A_persons_name_gets_its_surname_reading(string name, string full, string initials)
    {
        Pinyin.Full(name).ShouldBe(full);
        Pinyin.Initials(name).ShouldBe(initials);
    }

    [Theory]
    [InlineData("朴志勇", "piaozhiyong", "puzhiyong")]
    [InlineData("单田芳", "shantianfang", "dantianfang")]
    [InlineData("缪娟", "miaojuan", "moujuan")]
    [InlineData("种师道", "chongshidao", "zhongshidao")] // 种 as a surname is chong
    [InlineData("秘丽", "bili", "mili")]                 // 秘 as a surname is bi
    public void A_surname_keeps_its_surname_reading_first_and_its_common_reading_among_the_keys(string name, string full, string common)
    {
        Pinyin.Full(name).ShouldBe(full);
        var keys = Pinyin.SearchKeys(name);
        keys[0].ShouldBe(full);
        keys.ShouldContain(common);
        keys.ShouldContain(common[..1] + Pinyin.Initials(name)[1..]);
    }

    [Fact]
    public void A_company_name_is_read_without_the_surname_rule()
    {
        Pinyin.Full("单位", person: false).ShouldBe("danwei");
        Pinyin.Full("单位", person: true).ShouldBe("shanwei");
    }

    [Fact]
    public void Search_keys_cover_other_readings_of_polyphonic_characters()
    {
        var keys = Pinyin.SearchKeys("重庆长安", person: false);
        keys.ShouldContain("chongqingchangan");
        keys.ShouldContain("cqca");
        keys.Count.ShouldBeLessThanOrEqualTo(16);
    }

    [Fact]
    public void Letters_and_digits_pass_through_and_punctuation_is_dropped()
    {
        Pinyin.Full("广州4S店（天河）", person: false).ShouldBe("guangzhou4sdiantianhe");
        Pinyin.Initials("Tom 张", person: false).ShouldBe("tz");
    }

    [Theory]
    [InlineData("zs", true)]
    [InlineData("zhangsan", true)]
    [InlineData("z", false)]
    [InlineData("1234", false)]
    [InlineData("张三", false)]
    public void Pinyin_queries_are_letters_only(string query, bool expected) => Pinyin.IsPinyinQuery(query).ShouldBe(expected);
}
