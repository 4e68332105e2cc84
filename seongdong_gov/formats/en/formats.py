# 행정업무규정 제7조⑤: dates `2016. 1. 15.`, times on a 24-hour clock `16:00`.
DATE_FORMAT = "Y. n. j."
SHORT_DATE_FORMAT = "Y. n. j."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y. n. j. H:i"
SHORT_DATETIME_FORMAT = "Y. n. j. H:i"
MONTH_DAY_FORMAT = "n. j."
YEAR_MONTH_FORMAT = "Y. n."
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y. %m. %d.", "%Y. %m. %d", "%Y.%m.%d", "%Y/%m/%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y. %m. %d. %H:%M"]
FIRST_DAY_OF_WEEK = 0
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
