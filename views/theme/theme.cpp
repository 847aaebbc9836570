#include "views/theme/theme.h"

namespace Stepwise::Views {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

ThemeColors themeColors(const QPalette &palette)
{
    ThemeColors c;
    if (isDarkPalette(palette)) {
        c.key = QColor(0x9c, 0xdc, 0xfe);
        c.string = QColor(0xce, 0x91, 0x78);
        c.number = QColor(0xb5, 0xce, 0xa8);
        c.keyword = QColor(0x56, 0x9c, 0xd6);
        c.punctuation = QColor(0xa0, 0xa0, 0xa0);
        c.expression = QColor(0xdc, 0xdc, 0xaa);
        c.error = QColor(0xf4, 0x47, 0x47);
        c.warning = QColor(0xe0, 0xb0, 0x30);
        c.info = QColor(0x4f, 0xc1, 0xff);
    } else {
        c.key = QColor(0x04, 0x51, 0xa5);
        c.string = QColor(0xa3, 0x15, 0x15);
        c.number = QColor(0x09, 0x86, 0x58);
        c.keyword = QColor(0x00, 0x00, 0xff);
        c.punctuation = QColor(0x55, 0x55, 0x55);
        c.expression = QColor(0x79, 0x5e, 0x26);
        c.error = QColor(0xd0, 0x10, 0x10);
        c.warning = QColor(0xb0, 0x80, 0x00);
        c.info = QColor(0x1a, 0x73, 0xe8);
    }
    c.invalidBorder = c.error;
    return c;
}

} // namespace Stepwise::Views
